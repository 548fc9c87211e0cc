import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

/** The part of a `net.Socket` (a `Writable`) corking needs. */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

/**
 * Coalesces the writes of one tick: each socket is corked at its first write and every corked
 * socket is uncorked once the tick's synchronous work is done (a microtask). The stream reader
 * hands the gateway a whole `XREAD` batch in one loop, so a client that matches several
 * filings of the batch gets them in one `writev` instead of one system call per filing; when
 * the gateway falls behind, batches grow and so does the saving. A lone filing costs one
 * cork/uncork pair more than before, and leaves no later than it did.
 */
export class TickCorker {
  /** The sockets corked this tick. */
  private readonly corked = new Set<Corkable>();
  private readonly flush = () => {
    for (const socket of this.corked) socket.uncork();
    this.corked.clear();
  };

  /**
   * Corks `socket` until the end of this tick, once however often it is called. Returns true
   * for the first call of the tick (the socket was not corked yet), so a session knows that
   * what the socket holds now was written in earlier ticks.
   */
  cork(socket: Corkable): boolean {
    if (this.corked.has(socket)) return false;
    if (this.corked.size === 0) queueMicrotask(this.flush);
    socket.cork();
    this.corked.add(socket);
    return true;
  }

  /** Whether `socket` is corked this tick: its writes leave at the end of the tick. */
  holds(socket: Corkable): boolean {
    return this.corked.has(socket);
  }
}

/**
 * The TCP socket under a `ws` WebSocket. `ws` has no public cork API; its maintainers point to
 * `websocket._socket.cork()` for this (websockets/ws#1999). `undefined` once it is gone.
 */
export function socketOf(ws: WebSocket): Socket | undefined {
  return (ws as unknown as { _socket?: Socket | null })._socket ?? undefined;
}
