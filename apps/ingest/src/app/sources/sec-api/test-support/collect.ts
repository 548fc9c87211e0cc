// Records what an Observable emits, for this folder's specs only.
import type { Observable, Subscription } from 'rxjs';

export interface Collected<T> {
  readonly values: T[];
  error?: unknown;
  completed: boolean;
  readonly subscription: Subscription;
  /** Resolves once `predicate` holds (or the source failed); rejects after `timeoutMs`. */
  waitFor(
    predicate: (values: T[]) => boolean,
    timeoutMs?: number,
  ): Promise<void>;
}

export function collect<T>(source: Observable<T>): Collected<T> {
  const values: T[] = [];
  const collected = {
    values,
    completed: false,
    error: undefined as unknown,
    waitFor: (predicate: (values: T[]) => boolean, timeoutMs = 5000) =>
      waitUntil(
        () => predicate(values) || collected.error !== undefined,
        timeoutMs,
      ),
  } as Collected<T>;
  (collected as { subscription: Subscription }).subscription = source.subscribe(
    {
      next: (value) => values.push(value),
      error: (error: unknown) => (collected.error = error),
      complete: () => (collected.completed = true),
    },
  );
  return collected;
}

/** Polls `condition` every 5 ms; rejects after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
