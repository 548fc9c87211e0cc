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
  private corked: Corkable[] = [];
  private current = 0;
  private readonly flush = () => {
    const sockets = this.corked;
    this.corked = [];
    this.current += 1;
    for (const socket of sockets) socket.uncork();
  };

  /**
   * The number of this tick, which changes when its corks are released: a caller that corked
   * its socket in tick `t` knows it is still corked while `tick === t` (an integer comparison
   * per write, where a set of corked sockets would hash one per write).
   */
  get tick(): number {
    return this.current;
  }

  /** Corks `socket` until the end of this tick. Once per socket per {@link tick}. */
  cork(socket: Corkable): void {
    if (this.corked.length === 0) queueMicrotask(this.flush);
    socket.cork();
    this.corked.push(socket);
  }
}

/**
 * The TCP socket under a `ws` WebSocket. `ws` has no public cork API; its maintainers point to
 * `websocket._socket.cork()` for this (websockets/ws#1999). `undefined` once it is gone.
 */
export function socketOf(ws: WebSocket): Socket | undefined {
  return (ws as unknown as { _socket?: Socket | null })._socket ?? undefined;
}
