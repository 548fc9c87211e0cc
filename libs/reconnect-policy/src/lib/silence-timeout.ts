import {
  asyncScheduler,
  throwError,
  timeout,
  type MonoTypeOperatorFunction,
  type Observable,
  type SchedulerLike,
} from 'rxjs';

/** The stable code of {@link SilenceTimeoutError}. */
export const SILENCE_TIMEOUT = 'SILENCE_TIMEOUT';

/** Raised by {@link silenceTimeout} when a source stayed silent for too long. */
export class SilenceTimeoutError extends Error {
  /** Stable code for logs, metrics and `switch` statements. */
  readonly code = SILENCE_TIMEOUT;

  constructor(
    /** The silence that was allowed, in ms. */
    readonly silenceMs: number,
  ) {
    super(`no activity for ${silenceMs} ms`);
    this.name = 'SilenceTimeoutError';
  }
}

/**
 * Errors with a {@link SilenceTimeoutError} when the source emits nothing for `ms`
 * milliseconds, counted from subscription and restarted by every value. Completion and errors
 * of the source pass through; unsubscribing clears the timer.
 *
 * Use it on a stream of "signs of life" (frames, pings, pongs) to detect half-open
 * connections, which TCP alone may not notice for hours.
 *
 * @param ms Allowed silence in ms (finite number > 0).
 * @param scheduler Scheduler for the timer; pass a `TestScheduler` in marble tests.
 *   Default `asyncScheduler`.
 * @throws RangeError (synchronously, when building the operator) for a bad `ms`.
 *
 * @example
 * ```ts
 * frames$.pipe(silenceTimeout(60_000)).subscribe({
 *   error: (err) => err.code === 'SILENCE_TIMEOUT' && socket.terminate(),
 * });
 * ```
 */
export function silenceTimeout<T>(
  ms: number,
  scheduler: SchedulerLike = asyncScheduler,
): MonoTypeOperatorFunction<T> {
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new RangeError(
      `silenceTimeout: ms must be a finite number > 0, got ${ms}`,
    );
  }
  // `each` without `first` also bounds the wait for the first value.
  return timeout<T, Observable<never>>({
    each: ms,
    with: () => throwError(() => new SilenceTimeoutError(ms)),
    scheduler,
  });
}
