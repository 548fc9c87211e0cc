import type { InsightsProblem } from '@secfeed/filing-model';
import { backoffDelay } from '@secfeed/reconnect-policy';
import type { FetchOutcome } from './fetch-submission';

/** How often and how long a submission is asked for again; every field has a default. */
export interface FetchRetryOptions {
  /**
   * Requests for a document that answers 404 (EDGAR lists a filing before its files are
   * posted). Default 5: at the default delays, about half a minute after the first.
   */
  readonly notFoundAttempts?: number;
  /** First wait after a 404, doubled each time. Default 2000 ms. */
  readonly notFoundDelayMs?: number;
  /** Requests in all for 429, 403, 5xx, timeouts and network errors. Default 6. */
  readonly maxAttempts?: number;
  /** Backoff after a 5xx, timeout or network error: full jitter from this... Default 1000 ms. */
  readonly minDelayMs?: number;
  /** ...doubling up to this cap. Default 60000 ms. */
  readonly maxDelayMs?: number;
  /** Longest `Retry-After` honoured (a longer one is cut to it). Default 600000 ms (10 min). */
  readonly maxRetryAfterMs?: number;
}

/** Resolved {@link FetchRetryOptions}. */
export type ResolvedFetchRetry = Required<FetchRetryOptions>;

export const FETCH_RETRY_DEFAULTS: ResolvedFetchRetry = Object.freeze({
  notFoundAttempts: 5,
  notFoundDelayMs: 2000,
  maxAttempts: 6,
  minDelayMs: 1000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 600_000,
});

/** What to do after a failed request. */
export type FetchDecision =
  | {
      readonly retry: true;
      readonly delayMs: number;
      /** EDGAR said 429 or 403: every replica holds back for `delayMs` (the shared budget). */
      readonly throttled: boolean;
    }
  | { readonly retry: false; readonly problem: InsightsProblem };

/** The problem code of a document that could not be fetched (given up). */
export const DOCUMENT_UNAVAILABLE = 'DOCUMENT_UNAVAILABLE';

/**
 * Decides whether a failed request for a submission is made again, and after how long:
 * 404 a few times with doubling delays; 429 and 403 after `Retry-After` (or the backoff) with
 * every replica held back; 5xx, timeouts and network errors with capped, jittered backoff;
 * anything else (other 4xx, a body over the cap) given up at once.
 *
 * @param attempt requests made so far, counting the one that failed (1 for the first).
 */
export function nextFetchStep(
  outcome: Exclude<FetchOutcome, { kind: 'ok' }>,
  attempt: number,
  options: ResolvedFetchRetry,
  random: () => number = Math.random,
): FetchDecision {
  const backoff = () =>
    backoffDelay(
      Math.min(attempt - 1, 30),
      { minDelayMs: options.minDelayMs, maxDelayMs: options.maxDelayMs },
      random,
    );
  const giveUp = (why: string): FetchDecision => ({
    retry: false,
    problem: {
      code: DOCUMENT_UNAVAILABLE,
      message: `${why}; gave up after ${attempt} request${attempt === 1 ? '' : 's'}`,
    },
  });
  switch (outcome.kind) {
    case 'too-large':
      return giveUp(`the submission is over ${outcome.maxBytes} bytes`);
    case 'timeout':
    case 'network': {
      const why =
        outcome.kind === 'timeout'
          ? `EDGAR did not answer within ${outcome.timeoutMs} ms`
          : `EDGAR unreachable (${outcome.message})`;
      return attempt < options.maxAttempts
        ? { retry: true, delayMs: backoff(), throttled: false }
        : giveUp(why);
    }
    case 'status':
      break;
  }
  const { status, retryAfterMs } = outcome;
  const why = `EDGAR answered ${status}`;
  if (status === 404) {
    return attempt < options.notFoundAttempts
      ? {
          retry: true,
          delayMs: Math.min(
            options.maxDelayMs,
            options.notFoundDelayMs * 2 ** (attempt - 1),
          ),
          throttled: false,
        }
      : giveUp(`${why} (not in the archive)`);
  }
  if (status === 429 || status === 403) {
    if (attempt >= options.maxAttempts) return giveUp(why);
    const delayMs =
      retryAfterMs === undefined
        ? backoff()
        : Math.min(retryAfterMs, options.maxRetryAfterMs);
    return { retry: true, delayMs, throttled: true };
  }
  if (status >= 500 && attempt < options.maxAttempts) {
    return { retry: true, delayMs: backoff(), throttled: false };
  }
  return giveUp(why);
}
