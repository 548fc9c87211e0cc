import {
  asyncScheduler,
  defer,
  switchMap,
  timer,
  type Observable,
  type SchedulerLike,
} from 'rxjs';

/**
 * Delays the subscription to a piece of work until the gate lets it start. Use it on a cold
 * Observable (an HTTP request): subscribing is what starts the work.
 */
export type RateGate = <T>(work: Observable<T>) => Observable<T>;

/**
 * A gate that lets at most `maxPerSecond` pieces of work start in any 1-second window, with
 * starts spaced evenly `ceil(1000 / maxPerSecond)` ms apart.
 *
 * Even spacing rather than a burst of N followed by a pause: N + 1 starts then span at least a
 * full second, so no 1-second window (theirs or ours, whatever its phase) ever holds more than
 * N, and the SEC never sees a burst. Slots are handed out in subscription order, and a slot is
 * taken when the gated Observable is subscribed: a request cancelled while waiting still uses
 * its slot, which only ever errs on the slow side.
 *
 * One gate per upstream: every request to that upstream must go through the same gate.
 *
 * @param maxPerSecond Finite number > 0 (fractions allowed: `0.5` is one start every 2 s).
 * @param scheduler Clock and timers; pass a `TestScheduler` in marble tests. Default
 *   `asyncScheduler`.
 * @throws RangeError for a bad `maxPerSecond` (a programmer mistake).
 *
 * @example
 * ```ts
 * const gate = rateGate(5);
 * const pages$ = merge(...urls.map((url) => gate(defer(() => fetch(url)))));
 * // requests start at 0, 200, 400, ... ms
 * ```
 */
export function rateGate(
  maxPerSecond: number,
  scheduler: SchedulerLike = asyncScheduler,
): RateGate {
  if (!Number.isFinite(maxPerSecond) || maxPerSecond <= 0) {
    throw new RangeError(
      `rateGate: maxPerSecond must be a finite number > 0, got ${maxPerSecond}`,
    );
  }
  const spacingMs = Math.ceil(1000 / maxPerSecond);
  let nextSlot = Number.NEGATIVE_INFINITY;
  return <T>(work: Observable<T>) =>
    defer(() => {
      const now = scheduler.now();
      const slot = Math.max(now, nextSlot);
      nextSlot = slot + spacingMs;
      return slot === now
        ? work
        : timer(slot - now, scheduler).pipe(switchMap(() => work));
    });
}
