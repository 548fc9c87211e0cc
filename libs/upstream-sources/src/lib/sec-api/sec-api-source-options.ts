import {
  resolveRetryPolicy,
  type ResolvedRetryPolicy,
  type RetryPolicy,
} from '@secfeed/stream-client';
import type { Filing } from '@secfeed/filing-model';
import {
  asyncScheduler,
  NEVER,
  type Observable,
  type SchedulerLike,
} from 'rxjs';
import type { WatermarkStore } from './watermark-store';
import type { FiledAtMark } from './newest-filed-at';
import {
  DEFAULT_QUERY_API_URL,
  isHttpUrl,
  MAX_QUERY_PAGE_SIZE,
} from './query-api-backfill-options';

/** The Stream API endpoint of sec-api.io. */
export const DEFAULT_STREAM_URL = 'wss://stream.sec-api.io';

/** Options of {@link secApiSource}. Only `apiKey` is required. */
export interface SecApiSourceOptions {
  /** sec-api.io API key (`SEC_API_KEY`): the socket's `apiKey` query value and the Query API's `Authorization`. Required. */
  readonly apiKey: string;
  /** Stream API endpoint, `ws:` or `wss:`, without a query. Default `wss://stream.sec-api.io`. */
  readonly streamUrl?: string;
  /** An open socket silent this long (no frame, ping or pong) is terminated and replaced, in ms. The server pings every ~25 s. Default `60000`. */
  readonly silenceTimeoutMs?: number;
  /** Backoff between connections. Default `DEFAULT_RETRY_POLICY` of stream-client (500 ms to 30 s, factor 2, reset after 60 s). */
  readonly retry?: RetryPolicy;
  /** Query API endpoint for the gap backfill. Default `https://api.sec-api.io`. */
  readonly queryApiUrl?: string;
  /**
   * The newest `filedAt` already stored (Redis), read at every open to place the backfill.
   * May resolve `undefined` (nothing stored). Default: always `undefined`.
   */
  readonly lastFiledAt?: () => Promise<string | undefined>;
  /** Filings per Query API page, 1 to 50. Default `50`. */
  readonly backfillPageSize?: number;
  /** Deadline of each Query API request, in ms. Default `30000`. */
  readonly backfillRequestTimeoutMs?: number;
  /** The `fetch` of the Query API; a stub in tests. Default `globalThis.fetch`. */
  readonly fetch?: typeof fetch;
  /** Timers (backoff, silence) and the `receivedAt` clock. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /**
   * The durable watermark: where a backfill starts after a restart, moved forward when a
   * backfill completes and while live filings continue it. Default: in memory only.
   */
  readonly watermark?: WatermarkStore;
  /**
   * Resolves true once every filing emitted before the call is safely published (false when
   * the consumer stops). Default: at once (the consumer publishes synchronously).
   */
  readonly settled?: () => Promise<boolean>;
  /** Filings the consumer dropped (its buffer was full): backfilled again. Default: none. */
  readonly dropped?: Observable<readonly Filing[]>;
  /** Backoff between failed backfill attempts. Default 1 s doubling to 60 s, full jitter. */
  readonly backfillRetry?: RetryPolicy;
  /** A backfill asks again this far below where the gap began, in ms. Default `60000`. */
  readonly backfillOverlapMs?: number;
}

/** Default backoff between failed backfill attempts. */
export const DEFAULT_BACKFILL_RETRY: RetryPolicy = {
  minDelayMs: 1000,
  maxDelayMs: 60_000,
  factor: 2,
};

/** {@link SecApiSourceOptions} after defaults and validation. */
export interface ResolvedSecApiSourceOptions {
  readonly apiKey: string;
  readonly streamUrl: string;
  readonly silenceTimeoutMs: number;
  readonly retry: ResolvedRetryPolicy;
  readonly queryApiUrl: string;
  readonly lastFiledAt: () => Promise<string | undefined>;
  readonly backfillPageSize: number;
  readonly backfillRequestTimeoutMs: number;
  readonly fetch: typeof fetch;
  readonly scheduler: SchedulerLike;
  readonly watermark: WatermarkStore;
  readonly settled: () => Promise<boolean>;
  readonly dropped: Observable<readonly Filing[]>;
  readonly backfillRetry: ResolvedRetryPolicy;
  readonly backfillOverlapMs: number;
}

/**
 * Applies defaults and validates. Throws an Error naming the bad option (programmer mistakes
 * or bad configuration); no message ever contains the key or a URL's query.
 */
export function resolveSecApiSourceOptions(
  options: SecApiSourceOptions,
): ResolvedSecApiSourceOptions {
  const fail = (message: string): never => {
    throw new Error(`secApiSource: ${message}`);
  };
  if (typeof options.apiKey !== 'string' || options.apiKey.trim() === '')
    fail('apiKey is required');
  const resolved: ResolvedSecApiSourceOptions = {
    apiKey: options.apiKey,
    streamUrl: options.streamUrl ?? DEFAULT_STREAM_URL,
    silenceTimeoutMs: options.silenceTimeoutMs ?? 60_000,
    retry: retryPolicy(options.retry, fail),
    queryApiUrl: options.queryApiUrl ?? DEFAULT_QUERY_API_URL,
    lastFiledAt: options.lastFiledAt ?? (() => Promise.resolve(undefined)),
    backfillPageSize: options.backfillPageSize ?? MAX_QUERY_PAGE_SIZE,
    backfillRequestTimeoutMs: options.backfillRequestTimeoutMs ?? 30_000,
    fetch: options.fetch ?? ((...args) => globalThis.fetch(...args)),
    scheduler: options.scheduler ?? asyncScheduler,
    watermark: options.watermark ?? memoryWatermark(),
    settled: options.settled ?? (() => Promise.resolve(true)),
    dropped: options.dropped ?? NEVER,
    backfillRetry: retryPolicy(
      { ...DEFAULT_BACKFILL_RETRY, ...options.backfillRetry },
      (message) => fail(`backfillRetry: ${message.replace(/^retry: /, '')}`),
    ),
    backfillOverlapMs: options.backfillOverlapMs ?? 60_000,
  };
  if (!isStreamUrl(resolved.streamUrl))
    fail('streamUrl must be a ws: or wss: URL without a query');
  if (!isHttpUrl(resolved.queryApiUrl))
    fail('queryApiUrl must be an http: or https: URL');
  const { silenceTimeoutMs, backfillPageSize, backfillRequestTimeoutMs } =
    resolved;
  if (!Number.isInteger(silenceTimeoutMs) || silenceTimeoutMs < 1)
    fail(`silenceTimeoutMs must be an integer >= 1, got ${silenceTimeoutMs}`);
  if (
    !Number.isInteger(backfillPageSize) ||
    backfillPageSize < 1 ||
    backfillPageSize > MAX_QUERY_PAGE_SIZE
  )
    fail(
      `backfillPageSize must be an integer from 1 to ${MAX_QUERY_PAGE_SIZE}, got ${backfillPageSize}`,
    );
  if (
    !Number.isInteger(backfillRequestTimeoutMs) ||
    backfillRequestTimeoutMs < 1
  )
    fail(
      `backfillRequestTimeoutMs must be an integer >= 1, got ${backfillRequestTimeoutMs}`,
    );
  if (typeof resolved.lastFiledAt !== 'function')
    fail('lastFiledAt must be a function');
  const overlap = resolved.backfillOverlapMs;
  if (!Number.isInteger(overlap) || overlap < 0)
    fail(`backfillOverlapMs must be an integer >= 0, got ${overlap}`);
  return resolved;
}

/** A watermark that lives as long as the source: enough for one process with no Redis. */
function memoryWatermark(): WatermarkStore {
  let mark: FiledAtMark | undefined;
  return {
    read: () => Promise.resolve(mark),
    advance: (next) => {
      const moved = mark === undefined || next.ms > mark.ms;
      if (moved) mark = next;
      return Promise.resolve(moved);
    },
  };
}

/** `${streamUrl}?apiKey=${key}`, the key URL-encoded. Never log it: use `redactUrl`. */
export function streamSocketUrl(options: ResolvedSecApiSourceOptions): string {
  const url = new URL(options.streamUrl);
  url.searchParams.set('apiKey', options.apiKey);
  return url.toString();
}

function isStreamUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    const parsed = new URL(url);
    return (
      (parsed.protocol === 'ws:' || parsed.protocol === 'wss:') &&
      parsed.search === ''
    );
  } catch {
    return false;
  }
}

function retryPolicy(
  policy: RetryPolicy | undefined,
  fail: (message: string) => never,
  name = 'retry',
): ResolvedRetryPolicy {
  try {
    return resolveRetryPolicy(policy);
  } catch (error) {
    return fail(`${name}: ${(error as Error).message}`);
  }
}
