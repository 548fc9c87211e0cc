import type { RedisKeys } from '@secfeed/redis-keys';
import type { RedisClientType } from 'redis';

/** What the two routes share, resolved once from the handler options. */
export interface HistoryContext {
  readonly redis: RedisClientType;
  readonly keys: RedisKeys;
  readonly retentionMs: number;
  readonly now: () => number;
  readonly maxScanEntries: number;
  readonly ignoredParameters: ReadonlySet<string>;
}
