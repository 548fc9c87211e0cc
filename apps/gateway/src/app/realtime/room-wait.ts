import type { WebSocket } from 'ws';
import { socketOf } from './tick-corker';

/** The part of a `net.Socket` that tells when its write buffer has drained. */
export interface DrainSource {
  on(event: 'drain', listener: () => void): unknown;
  removeListener(event: 'drain', listener: () => void): unknown;
}

/** The `net.Socket` under a `ws` WebSocket (the one {@link TickCorker} corks); `undefined` once gone. */
export function drainSourceOf(ws: WebSocket): DrainSource | undefined {
  return socketOf(ws);
}

/**
 * A session's wait for room in its send buffer, at most one at a time (a session has one
 * catch-up). Nothing polls: the wait is settled by the socket's `drain` event, by {@link check}
 * (the completion callback of the session's writes: below the socket's own high-water mark,
 * with a small send bound, Node emits no `drain`), by its timeout, or by {@link cancel}.
 */
export class RoomWait {
  private pending?: {
    readonly resolve: (room: boolean) => void;
    readonly timer: NodeJS.Timeout;
    readonly socket: DrainSource;
  };

  /** @param hasRoom Whether the send buffer has room now. */
  constructor(private readonly hasRoom: () => boolean) {}

  /** Settles the wait with `true` if there is room now; cheap when nothing waits. */
  readonly check = (): void => {
    if (this.pending !== undefined && this.hasRoom()) this.settle(true);
  };

  /**
   * Resolves `true` once there is room (at once if there is), `false` after `timeoutMs`, when
   * cancelled, or when there is no socket. A new wait cancels the previous one.
   */
  until(socket: DrainSource | undefined, timeoutMs: number): Promise<boolean> {
    if (this.hasRoom()) return Promise.resolve(true);
    this.cancel();
    if (socket === undefined) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(false), timeoutMs);
      timer.unref();
      socket.on('drain', this.check);
      this.pending = { resolve, timer, socket };
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
    clearTimeout(pending.timer);
    pending.socket.removeListener('drain', this.check);
    pending.resolve(room);
  }
}
