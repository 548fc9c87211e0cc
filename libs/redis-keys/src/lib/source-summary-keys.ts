import { keyPrefixProblem } from './key-prefix';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SOURCE = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * Upper bounds (seconds) of the first-seen lag buckets of a source's daily summary; a lag over
 * the last bound counts in `lag_le_inf`.
 */
export const SOURCE_LAG_BUCKETS_SECONDS = [
  1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600,
] as const;

/** The fields of a source's daily summary hash (all integers, written with HINCRBY). */
export const SOURCE_SUMMARY_FIELDS = {
  /** Filings this source delivered before any other did (it published them). */
  first: 'first',
  /** Filings this source delivered after they were already published. */
  duplicate: 'duplicate',
  /** Filings whose first-seen lag is at most `bound` s and over the bound before (`'inf'`: over the last). */
  lag: (bound: number | 'inf') => `lag_le_${bound}`,
} as const;

/**
 * The Redis keys of the per-source delivery summary (written by ingest, served by the gateway at
 * `/api/sources`), with the feed's hash tag (`{Psec}`).
 */
export interface SourceSummaryKeys {
  /** HASH of one source's day (UTC day of delivery): `sources:{sec}:<source>:<YYYY-MM-DD>`. */
  day(source: string, date: string): string;
}

/**
 * Builds the source summary key names for one prefix, beside {@link createRedisKeys}.
 *
 * @throws Error for a bad prefix; `day` throws Error for a source that is not a lower-case
 *   name or a date that is not `YYYY-MM-DD`.
 * @example
 * createSourceSummaryKeys('t1:').day('edgar', '2020-03-18'); // 't1:sources:{t1:sec}:edgar:2020-03-18'
 */
export function createSourceSummaryKeys(prefix = ''): SourceSummaryKeys {
  const problem = keyPrefixProblem(prefix);
  if (problem !== undefined) {
    throw new Error(`invalid key prefix ${JSON.stringify(prefix)}: ${problem}`);
  }
  return Object.freeze({
    day(source: string, date: string): string {
      if (typeof source !== 'string' || !SOURCE.test(source)) {
        throw new Error(`source must be a lower-case name: "${source}"`);
      }
      if (typeof date !== 'string' || !DATE.test(date)) {
        throw new Error(`date must be YYYY-MM-DD: "${date}"`);
      }
      return `${prefix}sources:{${prefix}sec}:${source}:${date}`;
    },
  });
}
