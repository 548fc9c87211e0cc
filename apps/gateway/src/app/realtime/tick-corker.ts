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
  /** The sockets corked this tick, with the bytes written to each meanwhile. */
  private readonly corked = new Map<Corkable, number>();
  private readonly flush = () => {
    for (const socket of this.corked.keys()) socket.uncork();
    this.corked.clear();
  };

  /**
   * Corks `socket` until the end of this tick (once, however often it is called) and counts
   * `bytes` about to be written to it.
   */
  cork(socket: Corkable | undefined, bytes: number): void {
    if (socket === undefined) return;
    const before = this.corked.get(socket);
    if (before === undefined) {
      if (this.corked.size === 0) queueMicrotask(this.flush);
      socket.cork();
    }
    this.corked.set(socket, (before ?? 0) + bytes);
  }

  /**
   * Bytes written to `socket` this tick, held by the cork: they leave at the end of the tick,
   * so they are not data the client failed to read.
   */
  corkedBytes(socket: Corkable | undefined): number {
    return (socket && this.corked.get(socket)) ?? 0;
  }
}

/**
 * The TCP socket under a `ws` WebSocket. `ws` has no public cork API; its maintainers point to
 * `websocket._socket.cork()` for this (websockets/ws#1999). `undefined` once it is gone.
 */
export function socketOf(ws: WebSocket): Corkable | undefined {
  return (ws as unknown as { _socket?: Corkable | null })._socket ?? undefined;
}
