import type { Page } from 'playwright-core';
import { percentile } from './lib/percentiles';

/**
 * Installed with `page.addInitScript` before the app's own scripts: long tasks
 * (PerformanceObserver `longtask`, buffered), long animation frames with their script
 * attribution (`long-animation-frame`, where supported), and every frame's delta from a
 * requestAnimationFrame loop. Kept flat and small; read back with {@link readWindow}.
 */
export const INSTRUMENTATION_SCRIPT = `(() => {
  const bench = { longTasks: [], frames: [], loafs: [], longTaskSupported: false, loafSupported: false };
  Object.defineProperty(window, '__secfeedBench', { value: bench });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
    bench.longTaskSupported = true;
  } catch (e) {}
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.duration < 50) continue;
        bench.loafs.push({
          start: e.startTime,
          duration: e.duration,
          blocking: e.blockingDuration,
          render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
          scripts: (e.scripts || []).map((s) => ({
            invoker: s.invoker,
            type: s.invokerType,
            duration: s.duration,
            forcedLayout: s.forcedStyleAndLayoutDuration,
            fn: s.sourceFunctionName,
            at: s.sourceCharPosition,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
    bench.loafSupported = true;
  } catch (e) {}
  let last = 0;
  const loop = (t) => {
    if (last) bench.frames.push(t, t - last);
    last = t;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
})();`;

/** Frame delta thresholds: one and two frames at 60 fps. */
export const FRAME_MS = 1000 / 60;

export interface FrameSummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Percent of frames longer than 16.7 ms (a missed vsync). */
  over16: number;
  /** Percent of frames longer than 33 ms (two or more missed). */
  over33: number;
  /** Frames per second over the window (frames / seconds). */
  fps: number;
}

export interface LongTaskSummary {
  count: number;
  max: number;
  totalMs: number;
  /** Durations, longest first (at most 20). */
  longest: number[];
}

export interface LoafScript {
  invoker: string;
  type: string;
  duration: number;
  forcedLayout: number;
}

export interface Loaf {
  start: number;
  duration: number;
  blocking: number;
  render: number;
  scripts: LoafScript[];
}

export interface WindowMetrics {
  frames: FrameSummary;
  longTasks: LongTaskSummary;
  loafs: Loaf[];
}

interface RawBench {
  frames: number[];
  longTasks: Array<[number, number]>;
  loafs: Loaf[];
}

/**
 * A frame counts as over a threshold when its delta exceeds it by more than 1 ms: rAF
 * timestamps jitter by a fraction of a millisecond around 16.67 ms, and a frame of 16.9 ms is
 * not a dropped frame.
 */
const JITTER_MS = 1;

export function summarizeFrames(
  deltas: readonly number[],
  spanMs: number,
): FrameSummary {
  const sorted = [...deltas].sort((a, b) => a - b);
  const share = (limit: number) =>
    sorted.length
      ? (100 * sorted.filter((d) => d > limit + JITTER_MS).length) /
        sorted.length
      : Number.NaN;
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    over16: share(16.7),
    over33: share(33.3),
    fps: spanMs > 0 ? (1000 * sorted.length) / spanMs : Number.NaN,
  };
}

/** Page clock (`performance.now()`), to mark the windows in the page's own time. */
export function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/** Frames, long tasks and long animation frames within page-clock ranges `[from, to]`. */
export async function readWindow(
  page: Page,
  ranges: ReadonlyArray<readonly [number, number]>,
): Promise<WindowMetrics> {
  const inside = (at: number) =>
    ranges.some(([from, to]) => at > from && at <= to);
  const spanMs = ranges.reduce((total, [from, to]) => total + (to - from), 0);
  const raw = await page.evaluate(() => {
    const bench = (window as unknown as { __secfeedBench: RawBench })
      .__secfeedBench;
    return {
      frames: [...bench.frames],
      longTasks: bench.longTasks.map((task) => [...task]),
      loafs: bench.loafs,
    } as RawBench;
  });
  const deltas: number[] = [];
  for (let i = 0; i < raw.frames.length; i += 2) {
    const at = raw.frames[i];
    if (inside(at)) deltas.push(raw.frames[i + 1]);
  }
  const tasks = raw.longTasks
    .filter(([start]) => inside(start))
    .map(([, duration]) => duration)
    .sort((a, b) => b - a);
  return {
    frames: summarizeFrames(deltas, spanMs),
    longTasks: {
      count: tasks.length,
      max: tasks.length ? tasks[0] : 0,
      totalMs: tasks.reduce((total, d) => total + d, 0),
      longest: tasks.slice(0, 20),
    },
    loafs: raw.loafs.filter((loaf) => inside(loaf.start)),
  };
}

/** Whether the page's browser supports the observers (else the long task count means nothing). */
export function observersSupported(
  page: Page,
): Promise<{ longTask: boolean; loaf: boolean }> {
  return page.evaluate(() => {
    const bench = (
      window as unknown as {
        __secfeedBench: { longTaskSupported: boolean; loafSupported: boolean };
      }
    ).__secfeedBench;
    return { longTask: bench.longTaskSupported, loaf: bench.loafSupported };
  });
}

/** The number in `data-testid="row-count"` ("10000 filings"); 0 when absent. */
export async function rowCount(page: Page): Promise<number> {
  const text = await page
    .locator('[data-testid="row-count"]')
    .textContent({ timeout: 1000 })
    .catch(() => null);
  return Number((text ?? '').replace(/[^\d]/g, '')) || 0;
}

/** Sets the list viewport's scrollTop: 'end' = the bottom, else a pixel offset. */
export function scrollListTo(page: Page, where: 'end' | number): Promise<void> {
  return page.evaluate((to) => {
    const list = document.querySelector<HTMLElement>(
      '[data-testid="filing-list"]',
    );
    if (!list) throw new Error('no [data-testid="filing-list"]');
    list.scrollTop = to === 'end' ? list.scrollHeight : to;
  }, where);
}

export interface LoadResult {
  rows: number;
  ms: number;
  /** Older pages requested (scrolls to the end that made the list grow). */
  growths: number;
  /** Why the loop stopped. */
  reason: 'target' | 'history-ended' | 'timeout';
}

/**
 * Scrolls the list to the bottom again and again (the app requests the next older page near
 * the end) until the row count reaches `target`, the list stops growing with nothing loading
 * (history ended), or `timeoutMs` passes.
 */
export async function loadRows(
  page: Page,
  target: number,
  timeoutMs: number,
  onProgress?: (rows: number, ms: number) => void,
): Promise<LoadResult> {
  const started = performance.now();
  let rows = await rowCount(page);
  let lastGrowth = performance.now();
  let growths = 0;
  let lastReport = 0;
  for (;;) {
    if (rows >= target)
      return {
        rows,
        ms: performance.now() - started,
        growths,
        reason: 'target',
      };
    if (performance.now() - started > timeoutMs)
      return {
        rows,
        ms: performance.now() - started,
        growths,
        reason: 'timeout',
      };
    await scrollListTo(page, 'end');
    const grew = await page
      .waitForFunction(
        (previous) => {
          const text =
            document.querySelector('[data-testid="row-count"]')?.textContent ??
            '';
          return Number(text.replace(/[^\d]/g, '')) > previous;
        },
        rows,
        { timeout: 1500, polling: 25 },
      )
      .then(
        () => true,
        () => false,
      );
    const now = performance.now();
    if (grew) {
      rows = await rowCount(page);
      growths += 1;
      lastGrowth = now;
      if (onProgress && now - lastReport > 2000) {
        lastReport = now;
        onProgress(rows, now - started);
      }
      continue;
    }
    const loading = await page.locator('[data-testid="loading"]').count();
    if (loading === 0 && now - lastGrowth > 4000)
      return {
        rows,
        ms: lastGrowth - started,
        growths,
        reason: 'history-ended',
      };
  }
}

/** Accession numbers of the first `n` rows in the DOM (top of the list). */
export function topAccessions(page: Page, n: number): Promise<string[]> {
  return page.evaluate(
    (count) =>
      Array.from(
        document.querySelectorAll<HTMLElement>(
          '[data-testid="filing-list"] [data-testid="filing-row"]',
        ),
      )
        .map((row) => ({
          accession: row.dataset['accession'] ?? '',
          top: row.getBoundingClientRect().top,
        }))
        .sort((a, b) => a.top - b.top)
        .slice(0, count)
        .map((row) => row.accession),
    n,
  );
}

/** Groups long animation frames by their longest script's invoker: what kept the frame long. */
export function loafCauses(
  loafs: readonly Loaf[],
): Array<{ invoker: string; frames: number; totalMs: number; maxMs: number }> {
  const byInvoker = new Map<
    string,
    { invoker: string; frames: number; totalMs: number; maxMs: number }
  >();
  for (const loaf of loafs) {
    const top = [...loaf.scripts].sort((a, b) => b.duration - a.duration)[0];
    const invoker = top
      ? `${top.type}: ${top.invoker}`
      : 'no script (style, layout, paint)';
    const entry = byInvoker.get(invoker) ?? {
      invoker,
      frames: 0,
      totalMs: 0,
      maxMs: 0,
    };
    entry.frames += 1;
    entry.totalMs += loaf.duration;
    entry.maxMs = Math.max(entry.maxMs, loaf.duration);
    byInvoker.set(invoker, entry);
  }
  return [...byInvoker.values()].sort((a, b) => b.totalMs - a.totalMs);
}
