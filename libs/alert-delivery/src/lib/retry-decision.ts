import { backoffDelay } from '@secfeed/reconnect-policy';
import type { DeliveryOptions } from './delivery-options';
import type { SendResult } from './send-request';

type Failure = Extract<SendResult, { ok: false }>;

/** What to do after a failed attempt: give up, or try again after `delayMs`. */
export type RetryDecision =
  | { readonly giveUp: true }
  | { readonly giveUp: false; readonly delayMs: number };

/**
 * The retry rule of docs/alerts.md: a failure that cannot succeed later, the last allowed
 * attempt, or a delivery older than `maxAgeMs` (from its stream entry, or from its retry out of
 * the dead letters) is given up; otherwise the next attempt waits the capped exponential
 * backoff with full jitter, or longer when the receiver asked (`Retry-After`, capped).
 *
 * @param attempt - the attempt that just failed, from 1.
 * @param since - when the give-up clock started (ms).
 * @example
 * retryDecision({ ok: false, code: 'RATE_LIMITED', retryable: true, retryAfterMs: 5000 }, 1, Date.now(), Date.now(), options);
 * // { giveUp: false, delayMs: 5000 } (the 1 s backoff is shorter)
 */
export function retryDecision(
  failure: Failure,
  attempt: number,
  since: number,
  now: number,
  options: Pick<
    DeliveryOptions,
    | 'maxAttempts'
    | 'maxAgeMs'
    | 'retryBaseMs'
    | 'retryMaxMs'
    | 'maxRetryAfterMs'
  >,
  random: () => number = Math.random,
): RetryDecision {
  if (
    !failure.retryable ||
    attempt >= options.maxAttempts ||
    now - since >= options.maxAgeMs
  ) {
    return { giveUp: true };
  }
  const backoff = backoffDelay(
    attempt - 1,
    {
      minDelayMs: options.retryBaseMs,
      maxDelayMs: Math.max(options.retryBaseMs, options.retryMaxMs),
    },
    random,
  );
  const asked = Math.min(failure.retryAfterMs ?? 0, options.maxRetryAfterMs);
  return { giveUp: false, delayMs: Math.max(backoff, asked) };
}
