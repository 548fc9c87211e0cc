import {
  SOURCE_LAG_BUCKETS_SECONDS,
  SOURCE_SUMMARY_FIELDS,
} from '@secfeed/redis-keys';

/** One source's day as `GET /api/sources` answers it. */
export interface SourceDaySummary {
  readonly source: string;
  /** Filings it delivered before any other source (it published them). */
  readonly first: number;
  /** Filings it delivered after another source had. */
  readonly duplicates: number;
  /**
   * First-seen lag percentiles in seconds: the upper bound of the bucket holding the
   * percentile (1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600); null when no filing was
   * delivered, or when the percentile is over an hour.
   */
  readonly lagSeconds: {
    readonly p50: number | null;
    readonly p90: number | null;
  };
}

/**
 * A source's daily hash as ingest wrote it (`SourceSummaryKeys.day`, fields
 * `SOURCE_SUMMARY_FIELDS`) read into the answer; missing or unreadable fields count 0.
 */
export function sourceDaySummary(
  source: string,
  hash: Readonly<Record<string, string>>,
): SourceDaySummary {
  const count = (field: string) => {
    const n = Number(hash[field]);
    return Number.isSafeInteger(n) && n > 0 ? n : 0;
  };
  const bounds = [...SOURCE_LAG_BUCKETS_SECONDS, 'inf' as const];
  const buckets = bounds.map((bound) => ({
    bound,
    n: count(SOURCE_SUMMARY_FIELDS.lag(bound)),
  }));
  const total = buckets.reduce((sum, b) => sum + b.n, 0);
  const percentile = (p: number): number | null => {
    if (total === 0) return null;
    const rank = Math.ceil(total * p);
    let seen = 0;
    for (const { bound, n } of buckets) {
      seen += n;
      if (seen >= rank) return bound === 'inf' ? null : bound;
    }
    return null;
  };
  return {
    source,
    first: count(SOURCE_SUMMARY_FIELDS.first),
    duplicates: count(SOURCE_SUMMARY_FIELDS.duplicate),
    lagSeconds: { p50: percentile(0.5), p90: percentile(0.9) },
  };
}
