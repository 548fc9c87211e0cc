import type { CompletenessKeys } from '@secfeed/redis-keys';
import type { Logger, SecfeedRedis } from '@secfeed/service-runtime';
import type { CompletenessMetrics } from './completeness-metrics';

/**
 * How far the run of one day in progress is, counted over the accessions of EDGAR's daily
 * index: stored at `CompletenessKeys.progress(date)` while the run holds the day's lock, and
 * served by the gateway's `GET /api/completeness` as `progress`.
 */
export interface ReconcileProgress {
  /** Accessions secfeed had before the run, plus those the run has handled so far. */
  readonly done: number;
  /** Accessions in the index. */
  readonly total: number;
  /** Filings this run has published so far. */
  readonly published: number;
}

/** What {@link reportProgress} writes to. */
export interface ProgressDeps {
  readonly redis: Pick<SecfeedRedis, 'set'>;
  readonly completenessKeys: CompletenessKeys;
  readonly metrics: Pick<CompletenessMetrics, 'backfillRemaining'>;
  readonly logger: Logger;
  /** The day's lock TTL: the progress lives as long as the lock (extended and deleted with it). */
  readonly ttlMs: number;
}

/**
 * Shows a run's progress (after each published batch): one info line `Completeness:
 * backfilling` with `{date, done, total, published}`, the gauge of what is left, and the
 * progress in Redis for `GET /api/completeness`.
 *
 * @throws the Redis error when the progress cannot be stored.
 */
export async function reportProgress(
  date: string,
  progress: ReconcileProgress,
  deps: ProgressDeps,
): Promise<void> {
  deps.metrics.backfillRemaining.set(progress.total - progress.done);
  deps.logger.info({ date, ...progress }, 'Completeness: backfilling');
  await deps.redis.set(
    deps.completenessKeys.progress(date),
    JSON.stringify(progress),
    { PX: deps.ttlMs },
  );
}
