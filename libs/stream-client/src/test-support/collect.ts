import type { Observable, Subscription } from 'rxjs';

/** Records what an Observable emits and lets a test wait for a condition on it. */
export interface Collected<T> {
  readonly values: T[];
  error?: unknown;
  readonly subscription: Subscription;
  waitFor(
    predicate: (values: T[]) => boolean,
    timeoutMs?: number,
  ): Promise<void>;
}

export function collect<T>(source: Observable<T>): Collected<T> {
  const collected: Collected<T> = {
    values: [],
    subscription: undefined as unknown as Subscription,
    waitFor: (predicate, timeoutMs = 5000) =>
      waitUntil(
        () => predicate(collected.values) || collected.error !== undefined,
        timeoutMs,
      ),
  };
  (collected as { subscription: Subscription }).subscription = source.subscribe(
    {
      next: (value) => collected.values.push(value),
      error: (error: unknown) => (collected.error = error),
    },
  );
  return collected;
}

/** Polls `condition` every 10 ms; rejects after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
