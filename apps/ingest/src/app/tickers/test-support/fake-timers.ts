import type { RefreshTimers } from '../ticker-refresh-schedule';

/** Timers that run only when a spec says so; `pending` lists what waits, with its delay. */
export class FakeTimers implements RefreshTimers {
  pending: Array<{ run: () => void; ms: number; handle: number }> = [];
  private nextHandle = 1;

  set(run: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.pending.push({ run, ms, handle });
    return handle;
  }

  clear(handle: unknown): void {
    this.pending = this.pending.filter((t) => t.handle !== handle);
  }

  /** Runs the one waiting timer; throws if there is not exactly one. */
  fire(): number {
    if (this.pending.length !== 1)
      throw new Error(`${this.pending.length} timers waiting, expected 1`);
    const [timer] = this.pending;
    this.pending = [];
    timer.run();
    return timer.ms;
  }
}

/** Resolves once `check()` holds (real time, bounded). */
export async function eventually(
  check: () => boolean,
  ms = 10_000,
): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`condition not met in ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
