import type { Filing } from '@secfeed/filing-model';
import {
  SOURCE_LAG_BUCKETS_SECONDS,
  SOURCE_SUMMARY_FIELDS,
  type SourceSummaryKeys,
} from '@secfeed/redis-keys';
import type { Logger, SecfeedRedis } from '@secfeed/service-runtime';
import { BoundedSet } from '@secfeed/upstream-sources';
import type { IngestMetrics } from '../metrics/ingest-metrics';

/** Options of {@link SourceTally}. */
export interface SourceTallyOptions {
  readonly redis: Pick<SecfeedRedis, 'hIncrBy' | 'pExpire'>;
  readonly keys: SourceSummaryKeys;
  readonly metrics: Pick<
    IngestMetrics,
    'firstDelivered' | 'sourceDuplicates' | 'firstSeenLag'
  >;
  readonly logger: Logger;
  /** How long a day's summary stays after its last write (the feed's retention). */
  readonly retentionMs: number;
  /** Counts gathered this long are written together. Default 1000 ms. */
  readonly flushMs?: number;
  /** Accession numbers remembered per source, so a source's repeats add no second lag. Default 20,000. */
  readonly memory?: number;
}

/**
 * Counts, per source, the filings it delivered first and those it delivered after another
 * (dedup's answer), and its first-seen lag: `receivedAt` (when the source delivered the filing)
 * minus `filedAtMs` (EDGAR's acceptance), once per filing and source. Exports them as metrics
 * at once and adds them, every `flushMs`, to a per-source daily hash in Redis (UTC day of
 * delivery; `SourceSummaryKeys.day`) that the gateway serves at `/api/sources`. Counts that
 * Redis refused are kept and written with the next flush.
 */
export class SourceTally {
  private pending = new Map<string, Map<string, number>>();
  private readonly seen = new Map<string, BoundedSet<string>>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly options: SourceTallyOptions) {}

  /** One answer of dedup for a filing a source delivered. */
  record(filing: Filing, status: 'published' | 'duplicate'): void {
    const { metrics } = this.options;
    const source = filing.source;
    const day = new Date(Date.parse(filing.receivedAt)).toISOString();
    const key = this.options.keys.day(source, day.slice(0, 10));
    if (status === 'published') {
      metrics.firstDelivered.inc({ source });
      this.add(key, SOURCE_SUMMARY_FIELDS.first);
    } else {
      metrics.sourceDuplicates.inc({ source });
      this.add(key, SOURCE_SUMMARY_FIELDS.duplicate);
    }
    const seen = this.seenBy(source);
    if (!seen.has(filing.accessionNo)) {
      seen.add(filing.accessionNo);
      const lag =
        Math.max(0, Date.parse(filing.receivedAt) - filing.filedAtMs) / 1000;
      metrics.firstSeenLag.observe({ source }, lag);
      this.add(key, SOURCE_SUMMARY_FIELDS.lag(lagBucket(lag)));
    }
    this.timer ??= setTimeout(
      () => void this.flush(),
      this.options.flushMs ?? 1000,
    );
  }

  /** Writes what is counted so far; resolves once Redis answered (or refused: kept for later). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    const batch = this.pending;
    if (batch.size === 0) return;
    this.pending = new Map();
    const { redis, retentionMs, logger } = this.options;
    await Promise.all(
      [...batch].map(async ([key, fields]) => {
        try {
          for (const [field, by] of [...fields]) {
            await redis.hIncrBy(key, field, by);
            fields.delete(field);
          }
          await redis.pExpire(key, retentionMs);
        } catch (err) {
          // What was not added goes again with the next flush (HINCRBY is not repeated).
          for (const [field, by] of fields) this.add(key, field, by);
          logger.warn(
            { err: (err as Error).message },
            'Source summary not written: Redis unavailable',
          );
        }
      }),
    );
  }

  private add(key: string, field: string, by = 1): void {
    let fields = this.pending.get(key);
    if (fields === undefined) this.pending.set(key, (fields = new Map()));
    fields.set(field, (fields.get(field) ?? 0) + by);
  }

  private seenBy(source: string): BoundedSet<string> {
    let seen = this.seen.get(source);
    if (seen === undefined)
      this.seen.set(
        source,
        (seen = new BoundedSet(this.options.memory ?? 20_000)),
      );
    return seen;
  }
}

/** The summary bucket of a lag: the first bound at or above it, or `'inf'`. */
export function lagBucket(seconds: number): number | 'inf' {
  return SOURCE_LAG_BUCKETS_SECONDS.find((b) => seconds <= b) ?? 'inf';
}
