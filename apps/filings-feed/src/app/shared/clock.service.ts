import { DestroyRef, Injectable, inject, signal } from '@angular/core';

/** How often relative ages, countdowns and "new" marks refresh, in ms. */
export const CLOCK_TICK_MS = 1000;

/**
 * The current time as a signal that ticks once a second, so ages ("12 s ago"), the reconnect
 * countdown and the fading "new" marks update without each row owning a timer.
 */
@Injectable({ providedIn: 'root' })
export class ClockService {
  private readonly current = signal(Date.now());
  /** Epoch ms, refreshed every {@link CLOCK_TICK_MS}. */
  readonly now = this.current.asReadonly();

  constructor() {
    const timer = setInterval(
      () => this.current.set(Date.now()),
      CLOCK_TICK_MS,
    );
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }
}
