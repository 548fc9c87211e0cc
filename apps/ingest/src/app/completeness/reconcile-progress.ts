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
  readonly redis: Pick<SecfeedRedis, 'eval'>;
  readonly completenessKeys: CompletenessKeys;
  readonly metrics: Pick<CompletenessMetrics, 'backfillRemaining'>;
  readonly logger: Logger;
}

/**
 * Stores the progress (ARGV[1]) with the remaining TTL of the day's lock (KEYS[1]), so that it
 * lapses with the lock of a killed run; nothing while the lock is gone.
 */
const STORE = `
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 then return 0 end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ttl)
return 1
`;

/**
 * Shows a run's progress (after each published batch): one info line `Completeness:
 * backfilling` with `{date, done, total, published}`, the gauge of what is left, and the
 * progress in Redis for `GET /api/completeness`, living as long as the day's lock (extended
 * with it, deleted when it is released).
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
  await deps.redis.eval(STORE, {
    keys: [
      deps.completenessKeys.lock(date),
      deps.completenessKeys.progress(date),
    ],
    arguments: [JSON.stringify(progress)],
  });
}
