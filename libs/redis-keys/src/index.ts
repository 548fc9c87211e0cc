export { createRedisKeys } from './lib/redis-keys';
export type { RedisKeys } from './lib/redis-keys';
export {
  KEY_PREFIX_ENV,
  MAX_KEY_PREFIX_LENGTH,
  keyPrefixFromEnv,
} from './lib/key-prefix';
export { HASH_SLOTS, hashSlot } from './lib/hash-slot';
export { createAlertKeys } from './lib/alert-keys';
export type { AlertKeys } from './lib/alert-keys';
export { createCompletenessKeys } from './lib/completeness-keys';
export type { CompletenessKeys } from './lib/completeness-keys';
export {
  createSourceSummaryKeys,
  SOURCE_LAG_BUCKETS_SECONDS,
  SOURCE_SUMMARY_FIELDS,
} from './lib/source-summary-keys';
export type { SourceSummaryKeys } from './lib/source-summary-keys';
