import {
  catchError,
  exhaustMap,
  from,
  map,
  of,
  timer,
  type Observable,
  type ObservableInput,
  type SchedulerLike,
} from 'rxjs';

/** The outcome of one trim: entries removed, or why it failed. */
export type RetentionTrim =
  { readonly removed: number } | { readonly error: Error };

/**
 * How often to trim: a tenth of the retention, between 1 s and 1 min. An entry stays in the
 * stream at most this long past its retention while nothing is published.
 */
export function retentionTrimIntervalMs(retentionMs: number): number {
  return Math.min(60_000, Math.max(1000, Math.floor(retentionMs / 10)));
}

/**
 * Runs `trim` (dedup's `FilingPublisher.trimExpired`) every `intervalMs`, one at a time: a tick
 * that comes while a trim still runs (a slow Redis) is skipped, never queued. A failure (Redis
 * unavailable) is emitted and the next tick tries again; the stream never errors.
 *
 * @example
 * retentionTrims(() => publisher.trimExpired(), retentionTrimIntervalMs(retentionMs))
 *   .subscribe((trim) => ('error' in trim ? log.debug(...) : undefined));
 */
export function retentionTrims(
  trim: () => ObservableInput<number>,
  intervalMs: number,
  scheduler?: SchedulerLike,
): Observable<RetentionTrim> {
  return timer(intervalMs, intervalMs, scheduler).pipe(
    exhaustMap(() =>
      from(trim()).pipe(
        map((removed): RetentionTrim => ({ removed })),
        catchError((err: unknown) =>
          of<RetentionTrim>({
            error: err instanceof Error ? err : new Error(String(err)),
          }),
        ),
      ),
    ),
  );
}
