import { Filing, toFiling } from '@secfeed/filing-model';
import { Observable } from 'rxjs';
import type { IngestReject } from '../source-event';
import { backfillRequestBody } from './backfill-request-body';
import { QueryApiError } from './query-api-error';
import {
  MAX_QUERY_OFFSET,
  resolveQueryApiBackfillOptions,
  type QueryApiBackfillOptions,
  type ResolvedQueryApiBackfillOptions,
} from './query-api-backfill-options';
import { scrubSecret } from './scrub-secret';

/** An error body keeps this much in the message: enough to see what the server said. */
const BODY_PREVIEW_CHARS = 200;

/**
 * The filings the sec-api.io Query API holds from `from` on (inclusive), oldest first, one
 * emission per page: POST `queryApiUrl` with `Authorization: <apiKey>` and
 * `{ query: 'filedAt:["<from>" TO *]', from: '<offset>', size: '50', sort: [{ filedAt: { order: 'asc' } }] }`,
 * `from` growing by the page size until a page comes back short or the offset cap (10,000) is
 * reached (then `onCapReached` is called). Each element goes through `toFiling` with source
 * `sec-api`; invalid ones are skipped and handed to `onRejects`. A page with no valid filing
 * emits nothing.
 *
 * Cold: each subscription pages from offset 0; unsubscribing aborts the request in flight.
 * Failures error the Observable with a {@link QueryApiError} (`QUERY_API_HTTP_STATUS`,
 * `QUERY_API_BAD_RESPONSE`, `QUERY_API_UNREACHABLE`, `QUERY_API_TIMEOUT`) whose message never
 * holds the key; pages emitted before stay emitted.
 *
 * @throws Error synchronously, naming the option, for invalid options.
 * @example
 * ```ts
 * queryApiBackfill({ apiKey, from: '2025-10-31T06:01:26-04:00' })
 *   .subscribe((filings) => publish(filings));
 * ```
 */
export function queryApiBackfill(
  options: QueryApiBackfillOptions,
): Observable<Filing[]> {
  const resolved = resolveQueryApiBackfillOptions(options);
  return new Observable<Filing[]>((subscriber) => {
    const abort = new AbortController();
    const run = async (): Promise<void> => {
      for (let offset = 0; ; offset += resolved.pageSize) {
        const page = await fetchPage(resolved, offset, abort.signal);
        if (subscriber.closed) return;
        const { filings, rejects } = toFilings(page, resolved.receivedAt());
        if (rejects.length > 0) resolved.onRejects?.(rejects);
        if (filings.length > 0) subscriber.next(filings);
        if (page.length < resolved.pageSize) break;
        if (offset + resolved.pageSize > MAX_QUERY_OFFSET) {
          resolved.onCapReached?.(offset);
          break;
        }
      }
      subscriber.complete();
    };
    run().catch((error: unknown) =>
      subscriber.error(asQueryApiError(error, resolved.apiKey)),
    );
    return () => abort.abort();
  });
}

async function fetchPage(
  options: ResolvedQueryApiBackfillOptions,
  offset: number,
  signal: AbortSignal,
): Promise<unknown[]> {
  const body = backfillRequestBody(options.from, offset, options.pageSize);
  const response = await options.fetch(options.queryApiUrl, {
    method: 'POST',
    headers: {
      Authorization: options.apiKey,
      'Content-Type': 'application/json',
      Accept: 'application/json',
    },
    body: JSON.stringify(body),
    signal: AbortSignal.any([
      signal,
      AbortSignal.timeout(options.requestTimeoutMs),
    ]),
  });
  const text = await response.text();
  if (!response.ok) {
    const preview = text.slice(0, BODY_PREVIEW_CHARS);
    throw new QueryApiError(
      'QUERY_API_HTTP_STATUS',
      `Query API answered ${response.status} at offset ${offset}: ${preview}`,
      response.status,
      retryAfterMs(response.headers.get('retry-after')),
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new QueryApiError(
      'QUERY_API_BAD_RESPONSE',
      `Query API answer at offset ${offset} is not JSON`,
    );
  }
  const filings = (parsed as { filings?: unknown } | null)?.filings;
  if (!Array.isArray(filings)) {
    throw new QueryApiError(
      'QUERY_API_BAD_RESPONSE',
      `Query API answer at offset ${offset} has no "filings" array`,
    );
  }
  return filings;
}

function toFilings(
  page: readonly unknown[],
  receivedAt: string,
): { filings: Filing[]; rejects: IngestReject[] } {
  const filings: Filing[] = [];
  const rejects: IngestReject[] = [];
  for (const raw of page) {
    const result = toFiling(raw, { source: 'sec-api', receivedAt });
    if (result.ok) filings.push(result.filing);
    else {
      const isObject =
        typeof raw === 'object' && raw !== null && !Array.isArray(raw);
      rejects.push({
        code: isObject ? 'ELEMENT_INVALID' : 'ELEMENT_NOT_OBJECT',
        source: 'sec-api',
        raw,
        reasons: result.reasons,
      });
    }
  }
  return { filings, rejects };
}

/** Every failure as a QueryApiError with the key scrubbed from its message. */
function asQueryApiError(error: unknown, apiKey: string): QueryApiError {
  if (error instanceof QueryApiError) {
    const message = scrubSecret(error.message, apiKey);
    return new QueryApiError(
      error.code,
      message,
      error.status,
      error.retryAfterMs,
    );
  }
  const name = (error as { name?: unknown } | null)?.name;
  const detail = describe(error);
  return name === 'TimeoutError'
    ? new QueryApiError('QUERY_API_TIMEOUT', 'Query API request timed out')
    : new QueryApiError(
        'QUERY_API_UNREACHABLE',
        scrubSecret(`Query API request failed: ${detail}`, apiKey),
      );
}

/** `Retry-After` as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof Error ? `${message} (${cause.message})` : message;
}
