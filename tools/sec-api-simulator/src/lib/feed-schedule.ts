import { WireFiling } from './replay-day';

/** How many filings are due after `elapsedMs` of feed time. */
export type FeedSchedule = (elapsedMs: number) => number;

/** A steady rate: `rate` filings per second. */
export function steadySchedule(rate: number): FeedSchedule {
  return (elapsedMs) => Math.floor((elapsedMs * rate) / 1000);
}

/**
 * The day's real spacing, `speed` times faster: a filing accepted at 16:05:00 is due
 * (16:05:00 - first acceptance) / speed after the start. Laps follow each other one second apart.
 */
export function replaySchedule(
  day: readonly WireFiling[],
  speed: number,
): FeedSchedule {
  const times = day.map((f) => Date.parse(f.filedAt));
  const offsets = times.map((t) => (t - times[0]) / speed);
  const lapMs = offsets[offsets.length - 1] + 1000 / speed;
  return (elapsedMs) => {
    const laps = Math.floor(elapsedMs / lapMs);
    const within = elapsedMs - laps * lapMs;
    // Count offsets <= within by binary search (offsets are sorted: the day is in acceptance order).
    let lo = 0;
    let hi = offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (offsets[mid] <= within) lo = mid + 1;
      else hi = mid;
    }
    return laps * day.length + lo;
  };
}
