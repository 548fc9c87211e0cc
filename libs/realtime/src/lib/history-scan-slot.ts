import { setTimeout as delay } from 'node:timers/promises';
import { TokenBucket } from './token-bucket';

/** How much stream history one client may make the gateway read (docs/protocol.md, Limits). */
export interface HistoryScanLimits {
  /** Pages (one XRANGE or XREVRANGE each) a client's scans may read per second, sustained. */
  readonly pagesPerSecond: number;
  /** Pages a client may read at once before its scans are paced. */
  readonly pageBurst: number;
}

/**
 * Awaited before each page a scan reads: resolves once the client's budget allows the read;
 * rejects with {@link ScanCancelled} when the scan was superseded, so it reads nothing more.
 */
export type PageGate = () => Promise<void>;

/** The rejection of a superseded scan's gate. */
export class ScanCancelled extends Error {
  constructor() {
    super('history scan cancelled');
    this.name = 'ScanCancelled';
  }
}

/** Waits `ms`, or less when `signal` aborts (then it may resolve or reject). */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<unknown>;

const sleep: Sleep = (ms, signal) => delay(ms, undefined, { signal });

/**
 * One client's history scans (replays and snapshots): one at a time, cancellable between pages,
 * paced by a page budget. A new scan cancels the previous one and starts once that one has
 * settled (it finishes at most the page in flight), so however fast a client re-subscribes, it
 * has at most one history read in Redis at a time and its reads follow the budget. A client over
 * budget waits for it rather than being refused: a burst of re-subscribes only delays the
 * newest one's history.
 *
 * @example
 * ```ts
 * const slot = new HistoryScanSlot({ pagesPerSecond: 20, pageBurst: 100 });
 * await slot.run(async (gate) => {
 *   for (;;) { await gate(); if (!(await readPage())) return; }
 * });
 * ```
 */
export class HistoryScanSlot {
  private controller?: AbortController;
  private previous: Promise<unknown> = Promise.resolve();
  private readonly budget: TokenBucket;

  /** @throws RangeError for a rate or burst out of range (see {@link TokenBucket}). */
  constructor(
    limits: HistoryScanLimits,
    now: () => number = Date.now,
    private readonly wait: Sleep = sleep,
  ) {
    this.budget = new TokenBucket(limits.pagesPerSecond, limits.pageBurst, now);
  }

  /** Cancels the scan running or waiting for its turn, if any: it reads no further page. */
  cancel(): void {
    this.controller?.abort();
    this.controller = undefined;
  }

  /**
   * Cancels the previous scan and runs `scan` once that one has settled; `scan` must await
   * `gate()` before each page. Resolves when `scan` does, or at once if it is cancelled before
   * its turn; rejects when `scan` does.
   */
  run(scan: (gate: PageGate) => Promise<void>): Promise<void> {
    this.cancel();
    const controller = new AbortController();
    this.controller = controller;
    const gate = () => this.admit(controller.signal);
    const turn = this.previous.then(() =>
      controller.signal.aborted ? undefined : scan(gate),
    );
    this.previous = turn.catch(() => undefined);
    return turn;
  }

  private async admit(signal: AbortSignal): Promise<void> {
    for (;;) {
      if (signal.aborted) throw new ScanCancelled();
      const waitMs = this.budget.msUntilToken();
      if (waitMs === 0 && this.budget.take()) return;
      await this.wait(waitMs, signal).catch(() => undefined);
    }
  }
}
