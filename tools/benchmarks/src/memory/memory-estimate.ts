/** The brief's ordinary day; the replayed day had 4,655. */
export const FILINGS_PER_DAY = 3000;
export const RETENTION_DAYS = 7;
export const STREAM_MAX_LEN = 100_000;

/** What the measured day says about a day, a retained week and the steady state. */
export interface MemoryEstimate {
  /** `used_memory` growth per filing, bytes. */
  perFiling: number;
  /** The stream's `MEMORY USAGE` per filing, bytes. */
  streamPerFiling: number;
  /** Filings retained: FILINGS_PER_DAY x RETENTION_DAYS. */
  retained: number;
  dayBytes: number;
  weekBytes: number;
  steadyBytes: number;
}

/**
 * Scales the measured day: everything but the stream grows with the retained filings, the
 * stream with them too up to its cap (STREAM_MAX_LEN).
 */
export function estimateMemory(
  filings: number,
  usedMemoryGrowth: number,
  streamBytes: number,
): MemoryEstimate {
  const perFiling = usedMemoryGrowth / filings;
  const streamPerFiling = streamBytes / filings;
  const restPerFiling = perFiling - streamPerFiling;
  const retained = FILINGS_PER_DAY * RETENTION_DAYS;
  const weekBytes =
    retained * restPerFiling +
    Math.min(STREAM_MAX_LEN, retained) * streamPerFiling;
  return {
    perFiling,
    streamPerFiling,
    retained,
    dayBytes: FILINGS_PER_DAY * perFiling,
    weekBytes,
    // The stream is trimmed by age as well as by count (libs/dedup README, Retention), so once
    // the retention is full nothing grows any more: the steady state is the retained week.
    steadyBytes: weekBytes,
  };
}
