import type { WebSocket } from 'ws';
import { socketOf } from './tick-corker';

/** The part of a `net.Socket` that tells when its writes have left its buffer. */
export interface DrainSource {
  on(event: 'drain', listener: () => void): unknown;
  removeListener(event: 'drain', listener: () => void): unknown;
  /** Whether it can still be written (not ended or destroyed). */
  readonly writable: boolean;
  /** Queues `chunk` behind every earlier write; `done` runs once it has been handed on. */
  write(chunk: Buffer, done: () => void): unknown;
}

/** Written to mark a point in a socket's queue: nothing goes on the wire. */
const BARRIER = Buffer.alloc(0);

/** The `net.Socket` under a `ws` WebSocket (the one {@link TickCorker} corks); `undefined` once gone. */
export function drainSourceOf(ws: WebSocket): DrainSource | undefined {
  return socketOf(ws);
}

/**
 * A session's wait for room in its send buffer, at most one at a time (a session has one
 * catch-up). Nothing polls: the wait is settled by the socket's `drain` event, by {@link check}
 * (the completion callback of the writes queued while it waits, and of an empty write queued
 * when it starts, behind what was written before: below the socket's own high-water mark,
 * with a small send bound, Node emits no `drain`), by its timeout, or by {@link cancel}.
 *
 * Writes made while nothing waits carry no callback (`onWaiting` tells the session which
 * callback its writes carry): Node then schedules nothing after them, where a callback costs a
 * `process.nextTick` per socket per write, on the fan-out's hottest path.
 */
export class RoomWait {
  private pending?: {
    readonly resolve: (room: boolean) => void;
    readonly timer: NodeJS.Timeout;
    readonly socket: DrainSource;
  };

  /**
   * @param hasRoom Whether the send buffer has room now.
   * @param onWaiting Told the completion callback writes must carry while a wait is pending
   *   ({@link check}), and `undefined` once it is settled.
   */
  constructor(
    private readonly hasRoom: () => boolean,
    private readonly onWaiting: (
      writeDone: (() => void) | undefined,
    ) => void = () => undefined,
  ) {}

  /** Settles the wait with `true` if there is room now; cheap when nothing waits. */
  readonly check = (): void => {
    if (this.pending !== undefined && this.hasRoom()) this.settle(true);
  };

  /**
   * Resolves `true` once there is room (at once if there is), `false` after `timeoutMs`, when
   * cancelled, or when there is no socket or it can no longer be written. A new wait cancels the previous one.
   */
  until(socket: DrainSource | undefined, timeoutMs: number): Promise<boolean> {
    if (this.hasRoom()) return Promise.resolve(true);
    this.cancel();
    // A client gone (or going): nothing will make room, and nothing may be written to it.
    if (socket === undefined || !socket.writable) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(false), timeoutMs);
      timer.unref();
      socket.on('drain', this.check);
      this.pending = { resolve, timer, socket };
      this.onWaiting(this.check);
      socket.write(BARRIER, this.check);
    });
  }

  /** Ends a pending wait with `false` (the subscription changed, or the client is closing). */
  cancel(): void {
    this.settle(false);
  }

  private settle(room: boolean): void {
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    this.onWaiting(undefined);
    clearTimeout(pending.timer);
    pending.socket.removeListener('drain', this.check);
    pending.resolve(room);
  }
}
