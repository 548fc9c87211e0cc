import {
  EMPTY,
  asyncScheduler,
  catchError,
  concat,
  defer,
  ignoreElements,
  of,
  repeat,
  tap,
  throwError,
  timer,
  type Observable,
  type SchedulerLike,
} from 'rxjs';
import { backoffDelay } from './backoff-delay';
import { RetryExhaustedError } from './retry-exhausted-error';
import { resolveRetryPolicy, type RetryPolicy } from './retry-policy';

/** Emitted by {@link reconnectLoop} before it waits to resubscribe. */
export interface RetryNotification {
  readonly type: 'retry';
  /** 1-based number of this retry since the last reset. */
  readonly attempt: number;
  /** How long the loop waits before resubscribing, in ms. */
  readonly delayMs: number;
}

/** Options of {@link reconnectLoop}; every field is optional. */
export interface ReconnectLoopOptions<T> {
  /** Backoff and reset policy. Default {@link DEFAULT_RETRY_POLICY}. */
  readonly policy?: RetryPolicy;
  /**
   * Marks the value that means "the connection is up". The healthy period of
   * `policy.resetAfterMs` counts from it. Default: the connection counts as healthy from the
   * moment it is subscribed.
   */
  readonly isConnected?: (value: T) => boolean;
  /**
   * Give up when this many sessions in a row ended without a reset: instead of retrying, the
   * loop errors with a {@link RetryExhaustedError}. `1` means "never retry". Integer >= 1.
   * Default `Infinity` (never give up).
   */
  readonly maxAttempts?: number;
  /** Scheduler for the backoff timers and clock. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** Uniform random source for the jitter. Default `Math.random`. */
  readonly random?: () => number;
}

/**
 * Keeps a connection alive: subscribes to `connect(attempt)`, passes its values through and,
 * whenever it errors or completes, emits a {@link RetryNotification}, waits
 * {@link backoffDelay} and subscribes again. A session that stayed healthy for
 * `policy.resetAfterMs` resets the attempt counter. Errors of a session are swallowed (handle
 * or log them inside `connect`); only giving up reaches the error channel.
 *
 * @param connect Builds one session; `attempt` counts consecutive failures before it (0 first).
 *
 * @example
 * ```ts
 * reconnectLoop((attempt) => openFeed(attempt), { policy: { minDelayMs: 1000 } })
 *   .subscribe((event) => event.type === 'retry' && log.warn(event));
 * ```
 */
export function reconnectLoop<T>(
  connect: (attempt: number) => Observable<T>,
  options: ReconnectLoopOptions<T> = {},
): Observable<T | RetryNotification> {
  const policy = resolveRetryPolicy(options.policy);
  const maxAttempts = options.maxAttempts ?? Infinity;
  if (
    !(maxAttempts >= 1) ||
    (Number.isFinite(maxAttempts) && !Number.isInteger(maxAttempts))
  ) {
    throw new RangeError(
      `reconnectLoop: maxAttempts must be an integer >= 1, got ${maxAttempts}`,
    );
  }
  const scheduler = options.scheduler ?? asyncScheduler;
  const { isConnected, random = Math.random } = options;

  return defer(() => {
    let failures = 0;
    let connectedAt: number | undefined;
    let lastError: unknown;

    const session = defer(() => {
      connectedAt = isConnected ? undefined : scheduler.now();
      lastError = undefined;
      return connect(failures);
    }).pipe(
      tap((value) => {
        if (connectedAt === undefined && isConnected?.(value))
          connectedAt = scheduler.now();
      }),
      catchError((error: unknown) => {
        lastError = error;
        return EMPTY;
      }),
    );

    const pause = defer((): Observable<RetryNotification> => {
      // Measuring the healthy period at the end of a session needs no extra timer.
      const stable =
        connectedAt !== undefined &&
        scheduler.now() - connectedAt >= policy.resetAfterMs;
      failures = stable ? 1 : failures + 1;
      if (failures >= maxAttempts) {
        return throwError(() => new RetryExhaustedError(failures, lastError));
      }
      const delayMs = backoffDelay(failures - 1, policy, random);
      const notification: RetryNotification = {
        type: 'retry',
        attempt: failures,
        delayMs,
      };
      return concat(
        of(notification),
        timer(delayMs, scheduler).pipe(ignoreElements()),
      );
    });

    return concat(session, pause).pipe(repeat());
  });
}
