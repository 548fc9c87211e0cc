import { WebSocket } from 'ws';

/**
 * A client's WebSocket as the gateway's `WebSocketServer` makes it (its `WebSocket` option): a
 * `ws` WebSocket that says when its closing handshake starts, whoever starts it (the gateway, or
 * `ws` itself on the client's close frame or a protocol error: both call `close`).
 *
 * The session keeps that in a field of its own, so the fan-out reads the session and the TCP
 * socket per client per message and never the `ws` object: with 10,000 clients none of them
 * stays in the CPU's cache, and each object read is a miss. Every other way out of `OPEN`
 * (`terminate`, the peer's FIN, a socket error, a failed write) ends or destroys the TCP socket,
 * which its `writable` says.
 */
export class SessionSocket extends WebSocket {
  /** Called once, as the closing handshake starts (before the close frame is queued). */
  onCloseStart?: () => void;

  override close(code?: number, data?: string | Buffer): void {
    if (this.readyState === WebSocket.OPEN) this.onCloseStart?.();
    super.close(code, data);
  }
}
