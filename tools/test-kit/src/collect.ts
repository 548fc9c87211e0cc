import type { Observable, Subscription } from 'rxjs';
import { waitUntil } from './wait-until';

/** What an Observable has emitted so far, and how it ended, for a spec to assert on. */
export interface Collected<T> {
  readonly values: T[];
  /** The error it failed with, if it did. */
  readonly error?: unknown;
  readonly completed: boolean;
  /** Unsubscribe to stop the source (the spec's teardown). */
  readonly subscription: Subscription;
  /**
   * Resolves once `predicate(values)` holds, or the source has failed (so the spec sees the
   * error in its assertions, not a timeout); rejects after `timeoutMs` (default 5 s).
   */
  waitFor(
    predicate: (values: T[]) => boolean,
    timeoutMs?: number,
  ): Promise<void>;
}

/**
 * Subscribes to `source` and records what it emits, for integration specs on real sockets and
 * real Redis (marble tests are for RxJS timing).
 *
 * @example
 * const client = collect(reconnectingSocket({ url }));
 * await client.waitFor((events) => events.length === 2);
 * client.subscription.unsubscribe();
 */
export function collect<T>(source: Observable<T>): Collected<T> {
  const state = { error: undefined as unknown, completed: false };
  const values: T[] = [];
  const subscription = source.subscribe({
    next: (value) => values.push(value),
    error: (error: unknown) => (state.error = error),
    complete: () => (state.completed = true),
  });
  return {
    values,
    subscription,
    get error() {
      return state.error;
    },
    get completed() {
      return state.completed;
    },
    waitFor: (predicate, timeoutMs = 5000) =>
      waitUntil(
        () => predicate(values) || state.error !== undefined,
        'the collected values to match',
        timeoutMs,
      ),
  };
}
