import type { NormalizedFilters } from '@secfeed/filing-model';
import { WebSocket } from 'ws';
import type { BroadcastEntry } from './broadcast-entry';
import { HistoryScanSlot, type HistoryScanLimits } from './history-scan-slot';
import { CLOSE_CODES, type CloseCode } from './protocol-codes';
import { comparePositions } from './stream-position';
import { socketOf, type TickCorker } from './tick-corker';

/** Where a session stands: not subscribed, catching up (live entries buffered), or live. */
export type SessionState = 'idle' | 'pending' | 'live';

/** What a session reports to the gateway (metrics, logs, forgetting it). */
export interface SessionHooks {
  /** A message was written: its type and size. */
  sent(type: string, bytes: number): void;
  /** The gateway decided to close this session with `code`. */
  closing(session: ClientSession, code: CloseCode, reason: string): void;
}

/** Limits of one session, from the gateway configuration. */
export interface SessionLimits {
  readonly sendBufferBytes: number;
  /** How long a closing session may take to flush its close frame before it is terminated. */
  readonly closeGraceMs: number;
  /** Live entries a catching-up session may buffer before it counts as a slow consumer. */
  readonly maxPendingEntries: number;
  /** The budget of this client's replays and snapshots. */
  readonly historyScan: HistoryScanLimits;
}

/**
 * One WebSocket client: its subscription state and every write to it, each guarded by the
 * send-buffer bound. Past the bound the client is closed as a slow consumer rather than letting
 * unsent data (and the gateway's memory) grow.
 */
export class ClientSession {
  state: SessionState = 'idle';
  filters?: NormalizedFilters;
  /** Bumped by every (un)subscribe, so a superseded catch-up stops. */
  generation = 0;
  /** Live entries held back while catching up. */
  pending: BroadcastEntry[] = [];
  /**
   * What this session has already been given (its replay's end, or a `since` ahead of the
   * reader): a live entry at or before it is dropped. Cleared by the first entry after it,
   * since the hub delivers in stream order, so the hot path compares one ID per subscribe.
   */
  deliveredUpTo?: string;
  /** Heartbeat round of the unanswered ping, if any. */
  unansweredPing?: number;
  /** This client's history scan: one at a time, within its page budget. */
  readonly scans: HistoryScanSlot;
  private closeTimer?: NodeJS.Timeout;

  constructor(
    readonly ws: WebSocket,
    readonly id: number,
    private readonly limits: SessionLimits,
    private readonly hooks: SessionHooks,
    /** Coalesces this client's writes of one tick (a read batch) into one system call. */
    private readonly corker?: TickCorker,
  ) {
    this.scans = new HistoryScanSlot(limits.historyScan);
  }

  /** Whether writes still reach the client. */
  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Unsent bytes are at most half the bound: a good moment to send a replay page. */
  get hasRoom(): boolean {
    return this.unsentBytes <= this.limits.sendBufferBytes / 2;
  }

  /** Data written but not taken by the client, not counting what this tick's cork holds. */
  private get unsentBytes(): number {
    return (
      this.ws.bufferedAmount -
      (this.corker?.corkedBytes(socketOf(this.ws)) ?? 0)
    );
  }

  /** A live entry from the hub: sent now, or held while catching up. False if not sent. */
  deliver(entry: BroadcastEntry): boolean {
    if (this.deliveredUpTo !== undefined) {
      if (comparePositions(entry.id, this.deliveredUpTo) <= 0) return false;
      this.deliveredUpTo = undefined;
    }
    if (this.state === 'pending') {
      this.pending.push(entry);
      if (this.pending.length > this.limits.maxPendingEntries) {
        this.close(CLOSE_CODES.SLOW_CONSUMER, 'too many filings waiting');
      }
      return false;
    }
    return this.state === 'live' && this.write(entry.frame);
  }

  /** Sends a filing frame without reporting it (the hub reports a broadcast once). */
  write(frame: Buffer): boolean {
    if (!this.open) return false;
    if (this.unsentBytes > this.limits.sendBufferBytes) {
      this.close(CLOSE_CODES.SLOW_CONSUMER, 'send buffer full');
      return false;
    }
    this.corker?.cork(socketOf(this.ws), frame.length);
    this.ws.send(frame, { binary: false });
    return true;
  }

  /** Sends one replayed filing and reports it. */
  sendFiling(entry: BroadcastEntry): boolean {
    const sent = this.write(entry.frame);
    if (sent) this.hooks.sent('sec_filing', entry.frame.length);
    return sent;
  }

  /** Sends a control message (`subscribed`, `pong`, `error`...). */
  sendJson(message: { type: string } & Record<string, unknown>): boolean {
    const frame = Buffer.from(JSON.stringify(message));
    const sent = this.write(frame);
    if (sent) this.hooks.sent(message.type, frame.length);
    return sent;
  }

  /**
   * Closes with `code`; a client that does not take the close frame within the grace period
   * (it stopped reading) is terminated, so its buffered data is freed.
   */
  close(code: CloseCode, reason: string): void {
    if (this.closeTimer || this.ws.readyState >= WebSocket.CLOSING) return;
    this.hooks.closing(this, code, reason);
    this.ws.close(code, reason);
    this.closeTimer = setTimeout(
      () => this.ws.terminate(),
      this.limits.closeGraceMs,
    );
    this.closeTimer.unref();
  }

  /** Frees timers once the socket is closed. */
  dispose(): void {
    clearTimeout(this.closeTimer);
    this.scans.cancel();
    this.pending = [];
    this.deliveredUpTo = undefined;
  }
}
