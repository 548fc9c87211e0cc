import type { IngestReject } from '../source-event';

/** The Query API endpoint of sec-api.io. */
export const DEFAULT_QUERY_API_URL = 'https://api.sec-api.io';

/** The Query API's largest page (its documented maximum `size`). */
export const MAX_QUERY_PAGE_SIZE = 50;

/** The Query API's largest `from`: it serves no result past this offset. */
export const MAX_QUERY_OFFSET = 10_000;

/** Options of {@link queryApiBackfill}. `apiKey` and `from` are required. */
export interface QueryApiBackfillOptions {
  /** Sent as the `Authorization` header, on its own (no `Bearer`). Required. */
  readonly apiKey: string;
  /** ISO 8601 acceptance time to start from, inclusive (e.g. `2025-10-31T06:01:26-04:00`). Required. */
  readonly from: string;
  /** Endpoint that takes the POST. Default `https://api.sec-api.io`. */
  readonly queryApiUrl?: string;
  /** Filings per page, 1 to 50. Default `50`. */
  readonly pageSize?: number;
  /** Deadline of each page request, in ms. Default `30000`. */
  readonly requestTimeoutMs?: number;
  /** The `fetch` to use; a stub in tests. Default `globalThis.fetch`. */
  readonly fetch?: typeof fetch;
  /** `receivedAt` of the backfilled filings (ISO 8601 UTC). Default `new Date().toISOString()`. */
  readonly receivedAt?: () => string;
  /**
   * Called with the elements of a page that are not valid filings (codes `ELEMENT_NOT_OBJECT`,
   * `ELEMENT_INVALID`, source `sec-api`), before that page's filings are emitted. Default: none
   * (they are skipped silently).
   */
  readonly onRejects?: (rejects: IngestReject[]) => void;
  /**
   * Called when paging stopped at the Query API's offset cap ({@link MAX_QUERY_OFFSET}) with a
   * full last page: filings newer than the last one emitted may be missing. Default: none.
   */
  readonly onCapReached?: (offset: number) => void;
}

/** {@link QueryApiBackfillOptions} after defaults and validation. */
export type ResolvedQueryApiBackfillOptions = Required<
  Omit<QueryApiBackfillOptions, 'onRejects' | 'onCapReached'>
> &
  Pick<QueryApiBackfillOptions, 'onRejects' | 'onCapReached'>;

/**
 * Applies defaults and validates. Throws an Error naming the bad option (programmer mistakes);
 * the API key is never part of a message.
 */
export function resolveQueryApiBackfillOptions(
  options: QueryApiBackfillOptions,
): ResolvedQueryApiBackfillOptions {
  const fail = (message: string): never => {
    throw new Error(`queryApiBackfill: ${message}`);
  };
  if (typeof options.apiKey !== 'string' || options.apiKey.length === 0)
    fail('apiKey is required');
  if (
    typeof options.from !== 'string' ||
    Number.isNaN(Date.parse(options.from))
  )
    fail(`from must be an ISO 8601 date-time, got ${String(options.from)}`);
  const resolved: ResolvedQueryApiBackfillOptions = {
    apiKey: options.apiKey,
    from: options.from,
    queryApiUrl: options.queryApiUrl ?? DEFAULT_QUERY_API_URL,
    pageSize: options.pageSize ?? MAX_QUERY_PAGE_SIZE,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    fetch: options.fetch ?? ((...args) => globalThis.fetch(...args)),
    receivedAt: options.receivedAt ?? (() => new Date().toISOString()),
    onRejects: options.onRejects,
    onCapReached: options.onCapReached,
  };
  if (!isHttpUrl(resolved.queryApiUrl))
    fail('queryApiUrl must be an http: or https: URL');
  const { pageSize, requestTimeoutMs } = resolved;
  if (
    !Number.isInteger(pageSize) ||
    pageSize < 1 ||
    pageSize > MAX_QUERY_PAGE_SIZE
  )
    fail(
      `pageSize must be an integer from 1 to ${MAX_QUERY_PAGE_SIZE}, got ${pageSize}`,
    );
  if (!Number.isInteger(requestTimeoutMs) || requestTimeoutMs < 1)
    fail(`requestTimeoutMs must be an integer >= 1, got ${requestTimeoutMs}`);
  return resolved;
}

/** True for an absolute http: or https: URL. */
export function isHttpUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
