import type { BenchRedis } from './redis-helpers';
import type { CleanupStack } from './cleanup-stack';

/** What every phase of the ingest benchmark shares. */
export interface BenchContext {
  redis: BenchRedis;
  redisUrl: string;
  /** Workspace root: the ingest runs from here. */
  root: string;
  /** `dist/apps/ingest/main.js`. */
  ingestMain: string;
  /** URL of the local Query API stub (the gap backfill finds nothing). */
  queryApiUrl: string;
  /** The simulator's key, sent by ingest as `?apiKey=`. */
  apiKey: string;
  cleanup: CleanupStack;
  /** Progress lines (stderr), so that stdout ends with the JSON line alone. */
  log(line: string): void;
}

/** The environment of one ingest child (contracts.md §5). */
export function ingestEnv(
  context: BenchContext,
  streamUrl: string,
  keyPrefix: string,
): Record<string, string> {
  return {
    INGEST_SOURCE: 'sec-api',
    SEC_API_KEY: context.apiKey,
    SEC_STREAM_URL: streamUrl,
    SEC_QUERY_API_URL: context.queryApiUrl,
    SECFEED_KEY_PREFIX: keyPrefix,
    REDIS_URL: context.redisUrl,
    INGEST_PORT: '0',
    LOG_LEVEL: 'warn',
    STREAM_ENABLED: 'true',
  };
}
