import { reconnectLoop, type RetryPolicy } from '@secfeed/reconnect-policy';
import type { Observable, SchedulerLike } from 'rxjs';
import type { StreamReaderEvent } from './stream-reader-event';

/** Options of {@link readerLoop}. */
export interface ReaderLoopOptions {
  readonly retry: RetryPolicy;
  readonly maxAttempts: number;
  /** Backoff timers and clock. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** Jitter source. Default `Math.random`. */
  readonly random?: () => number;
}

/**
 * Chains reader sessions into one stream of events: runs `session(attempt)` (attempt 1-based)
 * and, when it errors or ends, emits `retry`, backs off and runs the next one. A session counts
 * as healthy from its `ready` event, so one that stayed ready for `retry.resetAfterMs` starts
 * the attempts again from 1. Errors with a `RetryExhaustedError` after `maxAttempts` sessions in
 * a row failed.
 */
export function readerLoop(
  session: (attempt: number) => Observable<StreamReaderEvent>,
  options: ReaderLoopOptions,
): Observable<StreamReaderEvent> {
  return reconnectLoop((failures) => session(failures + 1), {
    policy: options.retry,
    maxAttempts: options.maxAttempts,
    scheduler: options.scheduler,
    random: options.random,
    isConnected: (event) => event.type === 'ready',
  });
}
