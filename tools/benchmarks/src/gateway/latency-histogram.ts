/**
 * A fixed-bucket latency histogram (milliseconds) that merges across processes: 50 us buckets
 * below 100 ms, 1 ms buckets up to 10 s, 100 ms buckets up to 10 min, then one overflow
 * bucket. Percentiles are the upper bound of the bucket that holds the rank (nearest rank),
 * so they overstate by at most one bucket; the max is exact.
 */
const FINE_LIMIT_MS = 100;
const FINE_PER_MS = 20;
const MID_LIMIT_MS = 10_000;
const COARSE_LIMIT_MS = 600_000;
const FINE_BUCKETS = FINE_LIMIT_MS * FINE_PER_MS; // 2,000
const MID_BUCKETS = MID_LIMIT_MS - FINE_LIMIT_MS; // 9,900
const COARSE_BUCKETS = (COARSE_LIMIT_MS - MID_LIMIT_MS) / 100; // 5,900
export const HISTOGRAM_BUCKETS =
  FINE_BUCKETS + MID_BUCKETS + COARSE_BUCKETS + 1;

export interface HistogramSnapshot {
  counts: number[];
  count: number;
  sum: number;
  max: number;
  min: number;
}

function bucketOf(ms: number): number {
  if (ms < FINE_LIMIT_MS) return Math.max(0, Math.floor(ms * FINE_PER_MS));
  if (ms < MID_LIMIT_MS) return FINE_BUCKETS + Math.floor(ms - FINE_LIMIT_MS);
  if (ms < COARSE_LIMIT_MS) {
    return FINE_BUCKETS + MID_BUCKETS + Math.floor((ms - MID_LIMIT_MS) / 100);
  }
  return HISTOGRAM_BUCKETS - 1;
}

function upperBoundOf(bucket: number): number {
  if (bucket < FINE_BUCKETS) return (bucket + 1) / FINE_PER_MS;
  if (bucket < FINE_BUCKETS + MID_BUCKETS) {
    return FINE_LIMIT_MS + (bucket - FINE_BUCKETS) + 1;
  }
  if (bucket < HISTOGRAM_BUCKETS - 1) {
    return MID_LIMIT_MS + (bucket - FINE_BUCKETS - MID_BUCKETS + 1) * 100;
  }
  return Number.POSITIVE_INFINITY;
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(HISTOGRAM_BUCKETS);
  count = 0;
  sum = 0;
  max = Number.NEGATIVE_INFINITY;
  min = Number.POSITIVE_INFINITY;

  record(ms: number): void {
    this.counts[bucketOf(ms)] += 1;
    this.count += 1;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
    if (ms < this.min) this.min = ms;
  }

  merge(snapshot: HistogramSnapshot): void {
    for (let i = 0; i < snapshot.counts.length; i += 1) {
      this.counts[i] += snapshot.counts[i];
    }
    this.count += snapshot.count;
    this.sum += snapshot.sum;
    this.max = Math.max(this.max, snapshot.max);
    this.min = Math.min(this.min, snapshot.min);
  }

  /** Nearest-rank percentile (`p` in 0..100), capped at the exact max; NaN when empty. */
  percentile(p: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i += 1) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(upperBoundOf(i), this.max);
    }
    return this.max;
  }

  get mean(): number {
    return this.count ? this.sum / this.count : Number.NaN;
  }

  /** Plain data for IPC; zero buckets are kept so that indexes line up. */
  snapshot(): HistogramSnapshot {
    return {
      counts: Array.from(this.counts),
      count: this.count,
      sum: this.sum,
      max: this.count ? this.max : Number.NaN,
      min: this.count ? this.min : Number.NaN,
    };
  }
}
