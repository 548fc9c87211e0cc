import { backoffDelay, type RetryPolicy } from '@secfeed/reconnect-policy';
import {
  concatMap,
  defer,
  EMPTY,
  type Observable,
  of,
  repeat,
  type SchedulerLike,
  timer,
} from 'rxjs';
import type { SourceEvent } from '../source-event';

/** The longest `Retry-After` honoured; a longer one waits this long. */
export const MAX_RETRY_AFTER_MS = 600_000;

/** The last value of every backfill attempt: what the loop does next. */
export interface AttemptOutcome {
  readonly kind: 'attempt-end';
  /**
   * `covered`: done, stop. `stopped`: the service is stopping, stop. `again`: progress was made
   * (offset cap) or a new gap opened meanwhile: go on at once. `failed`: retry after a backoff.
   */
  readonly outcome: 'covered' | 'stopped' | 'again' | 'failed';
  /** A `Retry-After` the Query API asked for, in ms. */
  readonly retryAfterMs?: number;
}

export interface BackfillLoopOptions {
  /** Backoff between failed attempts (full jitter, capped). */
  readonly policy: RetryPolicy;
  readonly scheduler: SchedulerLike;
  /** Uniform source for the jitter. Default `Math.random`. */
  readonly random?: () => number;
}

/**
 * Runs backfill attempts until one restores coverage: each attempt is subscribed after the
 * previous one completed, at once after progress (`again`), after
 * `max(backoffDelay(failures), Retry-After)` after a failure. Before each wait after a failure
 * it emits `{ kind: 'backfill-retry', attempt, delayMs }`. The outcomes themselves are not
 * passed on; everything else an attempt emits is.
 *
 * @example
 * ```ts
 * backfillLoop(() => backfillAttempt(deps), { policy: { minDelayMs: 1000 }, scheduler })
 * ```
 */
export function backfillLoop(
  attempt: () => Observable<SourceEvent | AttemptOutcome>,
  options: BackfillLoopOptions,
): Observable<SourceEvent> {
  const { policy, scheduler, random = Math.random } = options;
  return defer(() => {
    let failures = 0;
    let nextDelayMs: number | undefined;
    return defer(attempt).pipe(
      concatMap((event): Observable<SourceEvent> => {
        if (event.kind !== 'attempt-end') return of(event);
        if (event.outcome !== 'failed') {
          failures = 0;
          nextDelayMs = event.outcome === 'again' ? 0 : undefined;
          return EMPTY;
        }
        failures += 1;
        const backoff = backoffDelay(
          Math.min(failures - 1, 30),
          policy,
          random,
        );
        const asked = Math.min(event.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
        nextDelayMs = Math.max(backoff, asked);
        return of({
          kind: 'backfill-retry',
          attempt: failures,
          delayMs: nextDelayMs,
        });
      }),
      repeat({
        delay: () => {
          const delayMs = nextDelayMs;
          nextDelayMs = undefined;
          return delayMs === undefined ? EMPTY : timer(delayMs, scheduler);
        },
      }),
    );
  });
}
