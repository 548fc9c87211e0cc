/** Latencies in 0.1 ms buckets up to 60 s (the last bucket holds everything above). */
const BUCKET_MS = 0.1;
const BUCKETS = 600_000;

/** A latency histogram that travels over IPC as its non-empty buckets. */
export class LatencyHistogram {
  private readonly counts = new Uint32Array(BUCKETS);
  count = 0;
  max = 0;

  record(ms: number): void {
    const bucket = Math.min(
      BUCKETS - 1,
      Math.max(0, Math.floor(ms / BUCKET_MS)),
    );
    this.counts[bucket] += 1;
    this.count += 1;
    if (ms > this.max) this.max = ms;
  }

  /** Non-empty buckets as `[bucket, count]` pairs, and the exact max. */
  toJSON(): { buckets: [number, number][]; max: number } {
    const buckets: [number, number][] = [];
    this.counts.forEach((count, bucket) => {
      if (count > 0) buckets.push([bucket, count]);
    });
    return { buckets, max: this.max };
  }

  add(other: { buckets: [number, number][]; max: number }): void {
    for (const [bucket, count] of other.buckets) {
      this.counts[bucket] += count;
      this.count += count;
    }
    this.max = Math.max(this.max, other.max);
  }

  /** The latency below which `q` (0..1) of the samples fall, in ms (bucket's upper edge). */
  quantile(q: number): number {
    const target = Math.ceil(q * this.count);
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket += 1) {
      seen += this.counts[bucket];
      if (seen >= target && seen > 0) return (bucket + 1) * BUCKET_MS;
    }
    return Number.NaN;
  }
}
