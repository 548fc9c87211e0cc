import type { InitialBundle } from './dashboard-bundle';
import type { WindowMetrics } from './dashboard-page';

export const DASHBOARD_TARGETS = {
  /** No long task (main thread busy > 50 ms) during the live phase. */
  longTaskMs: 50,
  /** 60 fps: a frame every 16.7 ms. */
  frameMs: 1000 / 60,
  /** Initial JavaScript, compressed. */
  initialJsCompressedBytes: 300_000,
};

/** The dashboard's figures against its targets. */
export interface DashboardVerdicts {
  /** No long task over 50 ms in the whole live window. */
  longTasksMet: boolean;
  /** Under 1 % of frames late and p99 within a frame (+1 ms). */
  framesMet: boolean;
  /** Initial JS gzip -9 within 300 kB. */
  jsMet: boolean;
  /** Initial JS + CSS, raw, within Angular's warning budget (met when there is none). */
  budgetMet: boolean;
  initialRawBytes: number;
}

/** Judges the initial bundle and the whole live window. */
export function dashboardVerdicts(
  bundle: Pick<
    InitialBundle,
    'jsRawBytes' | 'cssRawBytes' | 'jsGzipBytes' | 'budget'
  >,
  whole: Pick<WindowMetrics, 'frames' | 'longTasks'>,
): DashboardVerdicts {
  const initialRawBytes = bundle.jsRawBytes + bundle.cssRawBytes;
  return {
    longTasksMet: whole.longTasks.max <= DASHBOARD_TARGETS.longTaskMs,
    framesMet:
      whole.frames.over16 < 1 &&
      whole.frames.p99 <= DASHBOARD_TARGETS.frameMs + 1,
    jsMet: bundle.jsGzipBytes <= DASHBOARD_TARGETS.initialJsCompressedBytes,
    budgetMet:
      bundle.budget === null || initialRawBytes <= bundle.budget.warningBytes,
    initialRawBytes,
  };
}
