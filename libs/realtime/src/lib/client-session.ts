import type { NormalizedFilters } from '@secfeed/filing-model';
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';
import type { BroadcastEntry } from './broadcast-entry';
import type { BatchMember, DeliveryBatch } from './delivery-batch';
import { HistoryScanSlot, type HistoryScanLimits } from './history-scan-slot';
import { CLOSE_CODES, type CloseCode } from './protocol-codes';
import { drainSourceOf, RoomWait } from './room-wait';
import type { SessionSocket } from './session-socket';
import { comparePositions } from './stream-position';
import { socketOf, type TickCorker } from './tick-corker';
import { textFrame } from './ws-text-frame';

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
 *
 * The session owns its state: the subscription flow and the heartbeat change it only through
 * the methods below, so a rule about it (what a new subscription clears, when a ping counts as
 * missed) lives here once.
 */
export class ClientSession implements BatchMember {
  private current: SessionState = 'idle';
  private subscribedFilters?: NormalizedFilters;
  /** Bumped by every (un)subscribe, so a superseded catch-up stops. */
  private generation = 0;
  /** Live entries held back while catching up. */
  private held: BroadcastEntry[] = [];
  /**
   * What this session has already been given (its replay's end, or a `since` ahead of the
   * reader): a live entry at or before it is dropped. Cleared by the first entry after it,
   * since the hub delivers in stream order, so the hot path compares one ID per subscribe.
   */
  private deliveredUpTo?: string;
  /** Heartbeat round of the unanswered ping, if any. */
  private unansweredPing?: number;
  /** A catch-up waiting for the client to take what it was sent. */
  private readonly room = new RoomWait(
    () => this.hasRoom,
    (writeDone) => (this.writeDone = writeDone),
  );
  /** The completion callback of writes: only while a catch-up waits for room (it resumes it). */
  private writeDone?: () => void;
  /** This client's history scan: one at a time, within its page budget. */
  readonly scans: HistoryScanSlot;
  private closeTimer?: NodeJS.Timeout;
  /** The corker's tick in which this session last corked its socket. */
  private corkedTick = -1;
  /** Bytes written this tick, held by the cork until the end of the tick. */
  private writtenThisTick = 0;
  /**
   * The TCP socket under {@link ws}, written directly. What it holds unsent
   * (`writableLength`) is all the client has not taken: `ws` buffers nothing of its own with
   * permessage-deflate off, so this is its `bufferedAmount` without going through `ws`.
   */
  private readonly socket: Socket | undefined;
  /** Live entries taken from the batch being delivered, sent together by {@link sendTaken}. */
  private taken: BroadcastEntry[] = [];
  /** The closing handshake has started: no data frame may follow the close frame. */
  private closeStarted = false;

  constructor(
    readonly ws: SessionSocket,
    readonly id: number,
    private readonly limits: SessionLimits,
    private readonly hooks: SessionHooks,
    /** Coalesces this client's writes of one tick (a read batch) into one system call. */
    private readonly corker?: TickCorker,
  ) {
    this.scans = new HistoryScanSlot(limits.historyScan);
    this.socket = socketOf(ws);
    ws.onCloseStart = () => (this.closeStarted = true);
  }

  /** Not subscribed, catching up, or live. */
  get state(): SessionState {
    return this.current;
  }

  /** The filters of the current subscription, if any. */
  get filters(): NormalizedFilters | undefined {
    return this.subscribedFilters;
  }

  /**
   * Whether writes still reach the client: no closing handshake started and the TCP socket
   * still writable (see {@link SessionSocket}). Reads no field of the `ws` object.
   */
  get open(): boolean {
    return this.openSocket() !== undefined;
  }

  /** The TCP socket while {@link open}, else `undefined`. */
  private openSocket(): Socket | undefined {
    const socket = this.socket;
    return !this.closeStarted && socket?.writable === true ? socket : undefined;
  }

  /** Unsent bytes are at most half the bound: a good moment to send a replay page. */
  get hasRoom(): boolean {
    return this.unsentBytes <= this.limits.sendBufferBytes / 2;
  }

  /** Data written but not taken by the client, not counting what this tick's cork holds. */
  private get unsentBytes(): number {
    return (
      (this.socket?.writableLength ?? 0) -
      (this.corkedThisTick ? this.writtenThisTick : 0)
    );
  }

  /** Whether this session's socket is corked in the current tick of the corker. */
  private get corkedThisTick(): boolean {
    return this.corker !== undefined && this.corkedTick === this.corker.tick;
  }

  /**
   * Replaces any subscription with one for `filters`: live at once, or, when `catchingUp`,
   * holding the live entries delivered meanwhile until {@link goLive}. Stops the scan and the
   * wait of the subscription it replaces. Returns the ticket that {@link isCurrent} checks.
   */
  beginSubscription(filters: NormalizedFilters, catchingUp: boolean): number {
    this.generation += 1;
    this.scans.cancel();
    this.room.cancel();
    this.subscribedFilters = filters;
    this.held = [];
    this.deliveredUpTo = undefined;
    this.current = catchingUp ? 'pending' : 'live';
    return this.generation;
  }

  /** Whether the subscription of `ticket` is still this session's and its client still here. */
  isCurrent(ticket: number): boolean {
    return this.generation === ticket && this.open;
  }

  /** The live entries held while catching up, oldest first; grows until {@link goLive}. */
  get heldEntries(): readonly BroadcastEntry[] {
    return this.held;
  }

  /**
   * Ends the catch-up: the held entries were sent (or skipped), delivery is live from now on,
   * and a live entry at or before `after` (already given) is dropped.
   */
  goLive(after: string): void {
    this.held = [];
    this.deliveredUpTo = after;
    this.current = 'live';
  }

  /** Ends the subscription; a catch-up in progress stops at its next step. */
  endSubscription(): void {
    this.generation += 1;
    this.scans.cancel();
    this.room.cancel();
    this.current = 'idle';
    this.held = [];
    this.deliveredUpTo = undefined;
    this.subscribedFilters = undefined;
  }

  /**
   * Resolves `true` once the client has taken enough of its send buffer ({@link hasRoom}),
   * woken by the socket's `drain` rather than by polling; `false` after `timeoutMs`, or when
   * the subscription changes or the session closes first.
   */
  waitForRoom(timeoutMs: number): Promise<boolean> {
    return this.room.until(drainSourceOf(this.ws), timeoutMs);
  }

  /**
   * A live entry from the hub, alone in its read: sent now in its own write, or held while
   * catching up. False if not sent.
   */
  deliver(entry: BroadcastEntry): boolean {
    return this.admit(entry) && this.send(entry.wire);
  }

  /**
   * A live entry of a read of several ({@link DeliveryBatch}): taken, to be sent with the others
   * this client takes from the batch in one write; or held while catching up. False if not taken.
   */
  take(entry: BroadcastEntry, batch: DeliveryBatch): boolean {
    if (!this.admit(entry)) return false;
    if (this.taken.length === 0) batch.enlist(this);
    this.taken.push(entry);
    return true;
  }

  /**
   * Writes what {@link take} took from `batch` as one Buffer; `unsent` is called for each of
   * those entries when the client is gone or is closed as a slow consumer instead.
   */
  sendTaken(
    batch: DeliveryBatch,
    unsent: (entry: BroadcastEntry) => void,
  ): void {
    const taken = this.taken;
    let wire: Buffer;
    if (taken.length === batch.entries.length) wire = batch.joined;
    else if (taken.length === 1) wire = taken[0].wire;
    else wire = Buffer.concat(taken.map((entry) => entry.wire));
    if (!this.send(wire)) taken.forEach(unsent);
    // Emptied in place: one array per session, not one per session per read.
    taken.length = 0;
  }

  /**
   * Whether a live entry goes to the client now: not if it was given already (replay, `since`
   * ahead of the reader), nor while catching up (then it is held, and a client holding too
   * many is closed as a slow consumer).
   */
  private admit(entry: BroadcastEntry): boolean {
    if (this.deliveredUpTo !== undefined) {
      if (comparePositions(entry.id, this.deliveredUpTo) <= 0) return false;
      this.deliveredUpTo = undefined;
    }
    if (this.current === 'pending') {
      this.held.push(entry);
      if (this.held.length > this.limits.maxPendingEntries) {
        this.close(CLOSE_CODES.SLOW_CONSUMER, 'too many filings waiting');
      }
      return false;
    }
    return this.current === 'live';
  }

  /**
   * Writes a live read's bytes for this client, the only write it gets from that read, so it
   * is not corked: it leaves at once, without the cork's buffering. Behind this tick's corked
   * writes when there are some (a replay page or a control message), to keep the order.
   */
  private send(wire: Buffer): boolean {
    if (this.corkedThisTick) return this.write(wire);
    const socket = this.openSocket();
    if (socket === undefined) return false;
    if (socket.writableLength > this.limits.sendBufferBytes) {
      this.close(CLOSE_CODES.SLOW_CONSUMER, 'send buffer full');
      return false;
    }
    socket.write(wire, this.writeDone);
    return true;
  }

  /**
   * Writes one prepared WebSocket frame (`BroadcastEntry.wire`, or {@link textFrame}'s) straight
   * to the socket, without reporting it (the hub reports a broadcast once). `ws` is bypassed for
   * data: the gateway turns permessage-deflate off, so `ws`'s sender never queues and the pings
   * and close frames it writes keep their order with these.
   *
   * The send-buffer bound is checked at the first write of a tick, against what the client has
   * not taken from earlier ticks (this tick's writes leave together at its end): one
   * `writableLength` read per client per tick, not one per message. A client past the bound is
   * closed as a slow consumer; one tick (a read batch) may add to it before that.
   */
  write(wire: Buffer): boolean {
    const socket = this.openSocket();
    if (socket === undefined) return false;
    if (!this.corkedThisTick) {
      if (socket.writableLength > this.limits.sendBufferBytes) {
        this.close(CLOSE_CODES.SLOW_CONSUMER, 'send buffer full');
        return false;
      }
      if (this.corker !== undefined) {
        this.corker.cork(socket);
        this.corkedTick = this.corker.tick;
      }
      this.writtenThisTick = 0;
    }
    this.writtenThisTick += wire.length;
    socket.write(wire, this.writeDone);
    return true;
  }

  /** Sends one replayed entry (a filing or its insights) and reports it by its type. */
  sendFiling(entry: BroadcastEntry): boolean {
    const sent = this.write(entry.wire);
    if (sent) this.hooks.sent(entry.type, entry.frame.length);
    return sent;
  }

  /** Sends a control message (`subscribed`, `pong`, `error`...). */
  sendJson(message: { type: string } & Record<string, unknown>): boolean {
    const { wire, payload } = textFrame(JSON.stringify(message));
    const sent = this.write(wire);
    if (sent) this.hooks.sent(message.type, payload.length);
    return sent;
  }

  /**
   * Pings the client for heartbeat `round`, unless it is gone or has not answered the previous
   * ping yet. Returns whether it was pinged.
   */
  ping(round: number): boolean {
    if (!this.open || this.unansweredPing !== undefined) return false;
    this.unansweredPing = round;
    this.ws.ping();
    return true;
  }

  /** The client answered its ping. */
  pong(): void {
    this.unansweredPing = undefined;
  }

  /** Whether the client, still connected, left the ping of heartbeat `round` unanswered. */
  missedPing(round: number): boolean {
    return this.unansweredPing === round && this.open;
  }

  /**
   * Closes with `code`; a client that does not take the close frame within the grace period
   * (it stopped reading) is terminated, so its buffered data is freed.
   */
  close(code: CloseCode, reason: string): void {
    if (this.closeTimer || this.ws.readyState >= WebSocket.CLOSING) return;
    this.room.cancel();
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
    this.room.cancel();
    this.held = [];
    this.taken = [];
    this.deliveredUpTo = undefined;
  }
}
