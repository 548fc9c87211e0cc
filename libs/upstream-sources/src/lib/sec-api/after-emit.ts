import { type MonoTypeOperatorFunction, Observable } from 'rxjs';

/**
 * Passes each value on, then calls `effect` with it: once the subscriber has handled it. The
 * ingest service pushes filings into its publish queue inside `next`, so an effect here sees them
 * queued (what `settled()` then waits for).
 *
 * @example
 * ```ts
 * live.pipe(afterEmit((event) => tracker.live(event)))
 * ```
 */
export function afterEmit<T>(
  effect: (value: T) => void,
): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) =>
      source.subscribe({
        next: (value) => {
          subscriber.next(value);
          effect(value);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      }),
    );
}
