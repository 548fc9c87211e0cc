import type { PublishableFiling, PublishResult } from '@secfeed/dedup';
import type { Filing } from '@secfeed/filing-model';
import type { CompletenessKeys, RedisKeys } from '@secfeed/redis-keys';
import type { Logger, SecfeedRedis } from '@secfeed/service-runtime';
import type { TickerLookup } from '@secfeed/upstream-sources';
import type { RequestBudget } from '../insights/fetch-attempt';
import {
  FETCH_RETRY_DEFAULTS,
  type ResolvedFetchRetry,
} from '../insights/fetch-retry-policy';
import type { CompletenessMetrics } from './completeness-metrics';

/** The part of dedup's `FilingPublisher` the reconciliation needs. */
export interface BatchPublisher {
  publishBatch(filings: readonly PublishableFiling[]): Promise<PublishResult[]>;
}

/** What {@link reconcileDay} works with; the first ten are required. */
export interface ReconcileDeps {
  readonly redis: Pick<
    SecfeedRedis,
    'set' | 'get' | 'eval' | 'evalSha' | 'sAdd' | 'sCard' | 'pExpire'
  >;
  readonly keys: Pick<RedisKeys, 'seen'>;
  readonly completenessKeys: CompletenessKeys;
  readonly publisher: BatchPublisher;
  /** EDGAR's fair-access budget shared by every replica. */
  readonly budget: RequestBudget;
  /** `EDGAR_ARCHIVES_URL`. */
  readonly archivesUrl: string;
  /** `SEC_USER_AGENT`. */
  readonly userAgent: string;
  /** `SECFEED_RETENTION_DAYS` in ms: reports expire with it, and older days cannot be told. */
  readonly retentionMs: number;
  readonly metrics: CompletenessMetrics;
  readonly logger: Logger;
  /** The filer's ticker and exchange; without it, the filings it publishes have `ticker` `""`. */
  readonly tickers?: TickerLookup;
  /** Each filing the reconciliation published (ingest hands it to the insights stage). */
  readonly onPublished?: (filing: Filing, atMs: number) => void;
  /** Aborted when ingest stops. */
  readonly signal?: AbortSignal;
  /** Deadline of one request, ms. Default 30000. */
  readonly requestTimeoutMs?: number;
  /** Largest index or header read, bytes. Default 32 MiB (a busy day's index is a few MB). */
  readonly maxBytes?: number;
  /** Retries of 429, 403, 5xx, timeouts, network errors. Default the insights stage's. */
  readonly retry?: Partial<ResolvedFetchRetry>;
  /**
   * TTL of the day's lock, ms, extended every {@link lockRenewMs} while the run lasts: a process
   * killed mid-run frees the day within it. Default 15 s.
   */
  readonly lockTtlMs?: number;
  /** How often the run extends the day's lock, ms. Default a third of {@link lockTtlMs}. */
  readonly lockRenewMs?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

/** Defaults of {@link ReconcileDeps}. */
export const RECONCILE_DEFAULTS = Object.freeze({
  requestTimeoutMs: 30_000,
  maxBytes: 32 * 1024 * 1024,
  retry: FETCH_RETRY_DEFAULTS,
  lockTtlMs: 15_000,
});
