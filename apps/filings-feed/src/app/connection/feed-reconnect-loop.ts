import {
  reconnectLoop,
  type RetryNotification,
  type RetryPolicy,
} from '@secfeed/reconnect-policy';
import type { Observable, SchedulerLike } from 'rxjs';
import type { SessionEvent } from './feed-session';

/**
 * The dashboard's reconnect timing: exponential backoff with full jitter, base 1 s, doubling,
 * capped at 30 s, back to the base after 60 s subscribed. Any single wait is at most 30 s, so a
 * page left open all day is back within 30 s of the gateway's return, whatever the outage.
 */
export const FEED_RETRY_POLICY: RetryPolicy = Object.freeze({
  minDelayMs: 1000,
  maxDelayMs: 30_000,
  factor: 2,
  resetAfterMs: 60_000,
});

/** What {@link feedReconnectLoop} needs besides the session. */
export interface FeedReconnectOptions {
  /** Default {@link FEED_RETRY_POLICY}. */
  readonly policy?: RetryPolicy;
  /** Uniform random source for the jitter. Default `Math.random`. */
  readonly random?: () => number;
  /** Scheduler of the waits. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * Keeps the feed connected forever: runs `connect(attempt)` and, whenever a session ends,
 * emits a {@link RetryNotification} (for the countdown) and starts the next one after the
 * backoff delay. It never gives up: a page kept open through a long outage comes back by
 * itself (only the browser's `offline` event or the user stops it). A session counts as healthy
 * from its `subscribed` reply, so a socket that opens and closes at once keeps backing off.
 */
export function feedReconnectLoop(
  connect: (attempt: number) => Observable<SessionEvent>,
  options: FeedReconnectOptions = {},
): Observable<SessionEvent | RetryNotification> {
  return reconnectLoop(connect, {
    policy: options.policy ?? FEED_RETRY_POLICY,
    random: options.random,
    scheduler: options.scheduler,
    isConnected: (event) => event.type === 'subscribed',
  });
}
