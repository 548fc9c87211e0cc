import { InjectionToken } from '@angular/core';
import type { RetryPolicy } from '@secfeed/reconnect-policy';
import { FEED_RETRY_POLICY } from './feed-reconnect-loop';

/** Timing of the feed connection. Every field has a default. */
export interface ConnectionOptions {
  /**
   * Backoff between reconnects (full jitter), which go on for as long as the page is open.
   * Default {@link FEED_RETRY_POLICY}: 1 s base, 30 s cap, reset after 60 s.
   */
  readonly policy: RetryPolicy;
  /** How often to send `{"action":"ping"}`, in ms. Default 20000. */
  readonly pingIntervalMs: number;
  /** A ping with no pong for this long (ms) means a dead connection. Default 10000. */
  readonly pongTimeoutMs: number;
  /** Uniform random source for the jitter. Default `Math.random`. */
  readonly random: () => number;
}

export const DEFAULT_CONNECTION_OPTIONS: ConnectionOptions = {
  policy: FEED_RETRY_POLICY,
  pingIntervalMs: 20_000,
  pongTimeoutMs: 10_000,
  random: Math.random,
};

export const CONNECTION_OPTIONS = new InjectionToken<ConnectionOptions>(
  'CONNECTION_OPTIONS',
  { providedIn: 'root', factory: () => DEFAULT_CONNECTION_OPTIONS },
);
