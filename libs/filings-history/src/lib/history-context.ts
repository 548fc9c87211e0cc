import type { SecfeedRedis } from '@secfeed/service-runtime';
import type { RedisKeys } from '@secfeed/redis-keys';

/** What the two routes share, resolved once from the handler options. */
export interface HistoryContext {
  readonly redis: SecfeedRedis;
  readonly keys: RedisKeys;
  readonly retentionMs: number;
  readonly now: () => number;
  readonly maxScanEntries: number;
  readonly ignoredParameters: ReadonlySet<string>;
}
