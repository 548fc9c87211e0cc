/** Timers of {@link TickerRefreshSchedule}; a fake in tests. */
export interface RefreshTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Options of {@link TickerRefreshSchedule}. */
export interface TickerRefreshScheduleOptions {
  /** One refresh; resolves to its outcome (`ok` on success) and never rejects. */
  readonly refresh: (signal: AbortSignal) => Promise<string>;
  /** From a good refresh to the next. Default one day. */
  readonly intervalMs?: number;
  /** From a failed refresh to the next try. Default one hour. */
  readonly retryMs?: number;
  /** Default Node's timers, which do not keep the process alive. */
  readonly timers?: RefreshTimers;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;

const nodeTimers: RefreshTimers = {
  set: (run, ms) => setTimeout(run, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Refreshes the ticker map at start, then a day after each good refresh and an hour after a
 * failed one. One refresh at a time; `stop()` aborts the one in flight and waits for it.
 */
export class TickerRefreshSchedule {
  private readonly abort = new AbortController();
  private readonly timers: RefreshTimers;
  private handle: unknown;
  private running?: Promise<void>;
  private started = false;

  constructor(private readonly options: TickerRefreshScheduleOptions) {
    this.timers = options.timers ?? nodeTimers;
  }

  /** Schedules the first refresh at once (no-op when started or stopped). */
  start(): void {
    if (this.started || this.abort.signal.aborted) return;
    this.started = true;
    this.next(0);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.handle !== undefined) this.timers.clear(this.handle);
    this.handle = undefined;
    await this.running;
  }

  private next(ms: number): void {
    this.handle = this.timers.set(() => this.run(), ms);
  }

  private run(): void {
    this.handle = undefined;
    if (this.abort.signal.aborted) return;
    const { signal } = this.abort;
    this.running = this.options
      .refresh(signal)
      .catch(() => 'error')
      .then((outcome) => {
        this.running = undefined;
        if (signal.aborted) return;
        this.next(
          outcome === 'ok'
            ? (this.options.intervalMs ?? DAY_MS)
            : (this.options.retryMs ?? HOUR_MS),
        );
      });
  }
}
