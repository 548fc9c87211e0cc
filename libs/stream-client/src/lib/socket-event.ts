/** A new connection is being opened. `attempt` is 1-based and follows the `retry` before it. */
export interface SocketConnectingEvent {
  readonly type: 'connecting';
  readonly attempt: number;
}

/** The WebSocket handshake succeeded. */
export interface SocketOpenEvent {
  readonly type: 'open';
}

/** One frame from the server: text frames as strings, binary frames as Buffers. */
export type SocketMessageEvent =
  | { readonly type: 'message'; readonly data: string; readonly binary: false }
  | { readonly type: 'message'; readonly data: Buffer; readonly binary: true };

/** Why the client itself ended a connection, or what failed; stable `code`, redacted message. */
export interface SocketFailure {
  /**
   * `SILENCE_TIMEOUT` (no frame, ping or pong for `silenceTimeoutMs`), `HANDSHAKE_FAILED`
   * (refused, timed out or rejected upgrade) or `TRANSPORT_ERROR` (anything else).
   */
  readonly code: 'SILENCE_TIMEOUT' | 'HANDSHAKE_FAILED' | 'TRANSPORT_ERROR';
  /** Human-readable detail; never contains the URL or its query values. */
  readonly message: string;
}

/**
 * The connection ended (or never opened). `code` and `reason` are the WebSocket close code and
 * reason (1006 and `''` when there was no close frame); `failure` says what went wrong, if
 * anything did on our side of the wire.
 */
export interface SocketClosedEvent {
  readonly type: 'closed';
  readonly code: number;
  readonly reason: string;
  readonly failure?: SocketFailure;
}

/** The socket waits `delayMs` before connection attempt `attempt + 1`. */
export interface SocketRetryEvent {
  readonly type: 'retry';
  readonly attempt: number;
  readonly delayMs: number;
}

/** Everything {@link reconnectingSocket} emits, discriminated by `type`. */
export type SocketEvent =
  | SocketConnectingEvent
  | SocketOpenEvent
  | SocketMessageEvent
  | SocketClosedEvent
  | SocketRetryEvent;
