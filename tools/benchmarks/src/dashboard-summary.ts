import type { FrameSummary } from './dashboard-page';
import {
  busyPercent,
  layoutsPerSecond,
  type DashboardRun,
} from './dashboard-run';
import { DASHBOARD_TARGETS as TARGETS } from './dashboard-verdicts';
import { round } from './lib/report-format';

const frameJson = (frames: FrameSummary) => ({
  count: frames.count,
  fps: round(frames.fps, 1),
  p50: round(frames.p50, 1),
  p95: round(frames.p95, 1),
  p99: round(frames.p99, 1),
  max: round(frames.max, 1),
  over16: round(frames.over16, 1),
  over33: round(frames.over33, 1),
});

function rowsJson(run: DashboardRun) {
  const { load } = run.loading;
  return {
    target: run.settings.targetRows,
    loaded: load.rows,
    loadMs: Math.round(load.ms),
    pages: load.growths,
    stopped: load.reason,
    before: run.live.rowsBefore,
    after: run.delivery.rowsAfter,
  };
}

function liveJson(run: DashboardRun) {
  const { work } = run.live;
  const busy = (ms: number) => round(busyPercent(run, ms), 1);
  return {
    live: {
      rate: run.settings.liveRate,
      seconds: run.settings.liveSeconds,
      published: run.live.live.published,
      delivered: run.delivery.delivered,
      newestOnTop: run.delivery.newestOnTop,
      ok: run.delivery.ok,
    },
    mainThread: {
      busyPercent: busy(work.taskMs),
      scriptPercent: busy(work.scriptMs),
      stylePercent: busy(work.styleMs),
      layoutPercent: busy(work.layoutMs),
      layoutsPerSecond: round(layoutsPerSecond(run), 1),
    },
  };
}

function windowsJson({ windows, loading, verdicts }: DashboardRun) {
  return {
    longTasks: {
      count: windows.whole.longTasks.count,
      max: round(windows.whole.longTasks.max, 1),
      totalMs: round(windows.whole.longTasks.totalMs, 0),
      whileScrolling: windows.scrolling.longTasks.count,
      duringLoad: {
        count: loading.metrics.longTasks.count,
        max: round(loading.metrics.longTasks.max, 1),
      },
      targetMs: TARGETS.longTaskMs,
      met: verdicts.longTasksMet,
    },
    frames: {
      ...frameJson(windows.whole.frames),
      scrolling: frameJson(windows.scrolling.frames),
      notScrolling: frameJson(windows.calm.frames),
      met: verdicts.framesMet,
    },
  };
}

function initialJsJson({ bundle, verdicts }: DashboardRun) {
  return {
    files: bundle.js.map((f) => f.file),
    raw: bundle.jsRawBytes,
    gzip: bundle.jsGzipBytes,
    brotli: bundle.jsBrotliBytes,
    targetCompressed: TARGETS.initialJsCompressedBytes,
    met: verdicts.jsMet,
    initialRawWithCss: verdicts.initialRawBytes,
    budget: bundle.budget,
    withinBudget: verdicts.budgetMet,
  };
}

/** The one JSON line, last: every figure of the run. */
export function dashboardSummary(run: DashboardRun) {
  return {
    benchmark: 'dashboard',
    at: new Date(run.startedAt).toISOString(),
    machine: { ...run.machine, chromium: run.session.chromiumVersion },
    loadAverage: { start: run.loadStart.load1, end: run.loadEnd.load1 },
    uptime: run.loadEnd.text,
    rows: rowsJson(run),
    ...liveJson(run),
    ...windowsJson(run),
    initialJs: initialJsJson(run),
    pageErrors: run.session.pageErrors.length,
    durationS: round((Date.now() - run.startedAt) / 1000),
  };
}
