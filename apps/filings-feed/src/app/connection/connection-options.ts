import { InjectionToken } from '@angular/core';
import type { RetryPolicy } from '@secfeed/stream-client/retry';

/** Timing of the feed connection. Every field has a default. */
export interface ConnectionOptions {
  /** Backoff between reconnects (full jitter). Default 1 s base, 30 s cap, reset after 60 s. */
  readonly policy: RetryPolicy;
  /** Consecutive failed attempts before the status turns offline. Default 15. */
  readonly maxAttempts: number;
  /** How often to send `{"action":"ping"}`, in ms. Default 20000. */
  readonly pingIntervalMs: number;
  /** A ping with no pong for this long (ms) means a dead connection. Default 10000. */
  readonly pongTimeoutMs: number;
  /** Uniform random source for the jitter. Default `Math.random`. */
  readonly random: () => number;
}

export const DEFAULT_CONNECTION_OPTIONS: ConnectionOptions = {
  policy: { minDelayMs: 1000, maxDelayMs: 30_000, resetAfterMs: 60_000 },
  maxAttempts: 15,
  pingIntervalMs: 20_000,
  pongTimeoutMs: 10_000,
  random: Math.random,
};

export const CONNECTION_OPTIONS = new InjectionToken<ConnectionOptions>(
  'CONNECTION_OPTIONS',
  { providedIn: 'root', factory: () => DEFAULT_CONNECTION_OPTIONS },
);
