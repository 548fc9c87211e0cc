import type { FrameSummary, WindowMetrics } from './dashboard-page';
import { loafCauses } from './dashboard-page';
import {
  busyPercent,
  layoutsPerSecond,
  type DashboardRun,
} from './dashboard-run';
import { DASHBOARD_TARGETS as TARGETS } from './dashboard-verdicts';
import { fmt, verdict } from './lib/report-format';

export const kb = (bytes: number): string => `${fmt(bytes / 1000, 1)} kB`;

const frameLine = (frames: FrameSummary): string =>
  `${fmt(frames.count)} frames (${fmt(frames.fps, 1)} fps): p50 ${fmt(frames.p50, 1)} / p95 ${fmt(frames.p95, 1)} / ` +
  `p99 ${fmt(frames.p99, 1)} / max ${fmt(frames.max, 1)} ms; over 16.7 ms ${fmt(frames.over16, 1)} %, over 33 ms ${fmt(frames.over33, 1)} %`;

const windowLines = (label: string, metrics: WindowMetrics) => [
  `  ${label}: ${frameLine(metrics.frames)}`,
  `    long tasks: ${metrics.longTasks.count} (max ${fmt(metrics.longTasks.max)} ms, ${fmt(metrics.longTasks.totalMs)} ms in all)`,
];

/** The machine, the initial JavaScript against its targets, and loading the history. */
function startLines(run: DashboardRun): string[] {
  const { bundle, verdicts, machine, session } = run;
  const { load, metrics } = run.loading;
  return [
    `Chromium ${session.chromiumVersion} (headless, 1280x800), gateway LOG_LEVEL=info on port ${session.gateway.port}; ${machine.cores} cores, load average ${run.loadStart.load1} at start, ${run.loadEnd.load1} at end`,
    `Initial JS (${bundle.js.map((f) => f.file).join(', ')}): ${kb(bundle.jsRawBytes)} raw, ${kb(bundle.jsGzipBytes)} gzip -9, ${kb(bundle.jsBrotliBytes)} brotli`,
    `  target <= ${kb(TARGETS.initialJsCompressedBytes)} compressed: ${verdict(verdicts.jsMet)} (${fmt((100 * bundle.jsGzipBytes) / TARGETS.initialJsCompressedBytes)} % of it)`,
    bundle.budget
      ? `  Angular initial budget (JS ${kb(bundle.jsRawBytes)} + CSS ${kb(bundle.cssRawBytes)} = ${kb(verdicts.initialRawBytes)} raw): warning ${kb(bundle.budget.warningBytes)}, error ${kb(bundle.budget.errorBytes)}: ${verdicts.budgetMet ? 'within' : 'OVER'}`
      : '  no Angular initial budget found',
    `Loading history: ${fmt(load.rows)} rows in ${fmt(load.ms / 1000, 1)} s by scrolling to the end (${load.growths} older pages of 100; ${load.reason})`,
    ...windowLines('during loading', metrics),
  ];
}

/** What was published, what arrived, what the renderer spent, frames and long tasks. */
function liveLines(run: DashboardRun): string[] {
  const { live, wheels, rowsBefore, work } = run.live;
  const { delivery, windows, verdicts, settings } = run;
  const { whole } = windows;
  const busy = (ms: number) => busyPercent(run, ms);
  return [
    `Live: ${fmt(live.published)} filings published at ${settings.liveRate}/s over ${settings.liveSeconds} s (pacing lag max ${fmt(live.maxLagMs)} ms), ${wheels} wheel steps of 40 px`,
    `  arrived: rows ${fmt(rowsBefore)} -> ${fmt(delivery.rowsAfter)} (+${fmt(delivery.delivered)} of ${fmt(live.published)}); newest 5 published on top: ${delivery.newestOnTop ? 'yes' : `NO (top ${delivery.top.join(', ')})`}`,
    `  renderer main thread CPU time (CDP Performance.getMetrics, thread ticks): ${fmt(busy(work.taskMs))} % of the window ` +
      `(script ${fmt(busy(work.scriptMs))} %, style ${fmt(busy(work.styleMs))} %, layout ${fmt(busy(work.layoutMs))} %); ` +
      `${fmt(work.layouts)} layouts, ${fmt(work.styleRecalcs)} style recalcs (${fmt(layoutsPerSecond(run), 1)} layouts/s)`,
    ...windowLines('whole live window', whole),
    ...windowLines('  while scrolling', windows.scrolling),
    ...windowLines('  not scrolling', windows.calm),
    `  target no long task over ${TARGETS.longTaskMs} ms: ${verdict(verdicts.longTasksMet)}` +
      (verdicts.longTasksMet
        ? ''
        : ` (${whole.longTasks.count} long tasks, longest ${fmt(whole.longTasks.max)} ms: ${whole.longTasks.longest
            .slice(0, 8)
            .map((d) => fmt(d))
            .join(', ')} ms)`),
    `  target 60 fps (frames within 16.7 ms): ${verdict(verdicts.framesMet)} (p99 ${fmt(whole.frames.p99, 1)} ms, ${fmt(whole.frames.over16, 1)} % of frames late)`,
  ];
}

/** Long animation frames by cause, the CPU profile, page errors and gateway warnings. */
function detailLines(run: DashboardRun): string[] {
  const lines: string[] = [];
  const causes = loafCauses(run.windows.whole.loafs).slice(0, 5);
  if (causes.length > 0) {
    lines.push(
      '  long animation frames (> 50 ms) by their longest script:',
      ...causes.map(
        (cause) =>
          `    ${cause.invoker}: ${cause.frames} frames, ${fmt(cause.totalMs)} ms, max ${fmt(cause.maxMs)} ms`,
      ),
    );
  }
  const { profile } = run.live;
  if (profile) {
    lines.push(
      `CPU profile of the live window written to ${profile.file} (main thread busy ${fmt(profile.busyPercent)} % of ${fmt(profile.totalMs / 1000, 1)} s); hottest self time:`,
      ...profile.hot.map(
        (hot) =>
          `    ${fmt(hot.selfMs)} ms (${fmt(hot.selfPercent, 1)} %) ${hot.where}`,
      ),
    );
  }
  const { pageErrors, gateway } = run.session;
  if (pageErrors.length > 0)
    lines.push(
      `Page errors (${pageErrors.length}): ${pageErrors.slice(-3).join(' | ')}`,
    );
  const gatewayWarnings = gateway.warnings();
  if (gatewayWarnings.length > 0)
    lines.push(
      `Gateway warnings (${gatewayWarnings.length}): ${gatewayWarnings.slice(-3).join(' | ')}`,
    );
  return lines;
}

/** The figures in words, before the JSON line. */
export function dashboardReportLines(run: DashboardRun): string[] {
  return [
    '',
    '=== Dashboard benchmark ===',
    ...startLines(run),
    ...liveLines(run),
    ...detailLines(run),
    `Total time ${fmt((Date.now() - run.startedAt) / 1000, 1)} s`,
  ];
}
