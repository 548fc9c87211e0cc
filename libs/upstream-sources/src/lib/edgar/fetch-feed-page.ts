import { Observable, type SchedulerLike } from 'rxjs';
import { decodeFeedBody } from './decode-feed-body';
import { EDGAR_ERROR_CODES, edgarHttpCode } from './edgar-error-codes';
import { parseRetryAfter } from './edgar-retry-delay';

/** The answer to one feed request: the decoded body, or a coded failure (never thrown). */
export type FeedResponse =
  | { readonly ok: true; readonly text: string }
  | {
      readonly ok: false;
      /** `EDGAR_HTTP_<status>` or `EDGAR_UNREACHABLE`. */
      readonly code: string;
      readonly message: string;
      readonly status?: number;
      readonly retryAfterMs?: number;
    };

/** What {@link fetchFeedPage} needs from the source's options. */
export interface FetchFeedPageOptions {
  readonly userAgent: string;
  readonly fetch: typeof fetch;
  readonly requestTimeoutMs: number;
  readonly scheduler: SchedulerLike;
  readonly now: () => number;
}

/**
 * GETs one page of the feed. Cold: subscribing sends the request; unsubscribing aborts it
 * (AbortController) and clears its deadline. Emits one {@link FeedResponse} and completes;
 * network errors, timeouts and non-2xx statuses are values, not errors.
 */
export function fetchFeedPage(
  url: string,
  options: FetchFeedPageOptions,
): Observable<FeedResponse> {
  return new Observable<FeedResponse>((subscriber) => {
    const controller = new AbortController();
    let timedOut = false;
    const deadline = options.scheduler.schedule(() => {
      timedOut = true;
      controller.abort();
    }, options.requestTimeoutMs);
    const answer = (response: FeedResponse) => {
      deadline.unsubscribe();
      subscriber.next(response);
      subscriber.complete();
    };
    request(url, options, controller.signal).then(answer, (err: unknown) => {
      if (subscriber.closed) return;
      answer({
        ok: false,
        code: EDGAR_ERROR_CODES.unreachable,
        message: timedOut
          ? `no answer within ${options.requestTimeoutMs} ms`
          : describeNetworkError(err),
      });
    });
    return () => {
      deadline.unsubscribe();
      controller.abort();
    };
  });
}

async function request(
  url: string,
  options: FetchFeedPageOptions,
  signal: AbortSignal,
): Promise<FeedResponse> {
  const response = await options.fetch(url, {
    headers: {
      'User-Agent': options.userAgent,
      Accept: 'application/atom+xml, application/xml;q=0.9, */*;q=0.1',
    },
    signal,
  });
  if (!response.ok) {
    // Release the connection without reading an error page we have no use for.
    await response.body?.cancel().catch(() => undefined);
    return {
      ok: false,
      code: edgarHttpCode(response.status),
      message:
        `EDGAR answered ${response.status} ${response.statusText}`.trim(),
      status: response.status,
      retryAfterMs: parseRetryAfter(
        response.headers.get('retry-after'),
        options.now(),
      ),
    };
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    ok: true,
    text: decodeFeedBody(bytes, response.headers.get('content-type')),
  };
}

/**
 * Node's fetch says only "fetch failed"; the useful part (ECONNREFUSED...) is the cause. Read
 * by shape, not `instanceof`: undici's errors may come from another realm (jest, vm).
 */
function describeNetworkError(err: unknown): string {
  const { message, cause } = (err ?? {}) as {
    message?: unknown;
    cause?: unknown;
  };
  const { code, message: causeMessage } = (cause ?? {}) as {
    code?: unknown;
    message?: unknown;
  };
  const text = typeof message === 'string' ? message : String(err);
  const detail = code ?? causeMessage;
  return detail ? `${text}: ${String(detail)}` : text;
}
