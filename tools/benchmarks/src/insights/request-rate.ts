/** How evenly requests reached the EDGAR stand-in, from their arrival times. */
export interface RequestRate {
  readonly requests: number;
  /** Requests in each calendar second (`floor(ms / 1000)`), first to last, empty ones as 0. */
  readonly perSecond: readonly number[];
  /** The busiest calendar second: what EDGAR's fair-access limit (10 a second) counts. */
  readonly maxPerSecond: number;
  /** The busiest window of 1,000 ms starting at any request (stricter than calendar seconds). */
  readonly maxInAnyWindow: number;
  /** The requests of that window, ms after its first (how they bunched). */
  readonly busiestWindowMs: readonly number[];
  /** (requests - 1) / time from the first to the last, per second; NaN under two requests. */
  readonly meanPerSecond: number;
}

/**
 * Counts requests per second from their arrival times in ms (any order).
 *
 * @example
 * requestRate([0, 125, 250, 1000]).perSecond; // [3, 1]
 */
export function requestRate(timesMs: readonly number[]): RequestRate {
  const sorted = [...timesMs].sort((a, b) => a - b);
  if (sorted.length === 0)
    return {
      requests: 0,
      perSecond: [],
      maxPerSecond: 0,
      maxInAnyWindow: 0,
      busiestWindowMs: [],
      meanPerSecond: Number.NaN,
    };
  const firstSecond = Math.floor(sorted[0] / 1000);
  const lastSecond = Math.floor(sorted[sorted.length - 1] / 1000);
  const perSecond = new Array<number>(lastSecond - firstSecond + 1).fill(0);
  for (const t of sorted) perSecond[Math.floor(t / 1000) - firstSecond]++;
  let busiest = { start: 0, end: 0 };
  for (let start = 0, end = 0; start < sorted.length; start++) {
    while (end < sorted.length && sorted[end] < sorted[start] + 1000) end++;
    if (end - start > busiest.end - busiest.start) busiest = { start, end };
  }
  const spanMs = sorted[sorted.length - 1] - sorted[0];
  return {
    requests: sorted.length,
    perSecond,
    maxPerSecond: Math.max(...perSecond),
    maxInAnyWindow: busiest.end - busiest.start,
    busiestWindowMs: sorted
      .slice(busiest.start, busiest.end)
      .map((t) => t - sorted[busiest.start]),
    meanPerSecond:
      sorted.length > 1 && spanMs > 0
        ? ((sorted.length - 1) * 1000) / spanMs
        : Number.NaN,
  };
}
