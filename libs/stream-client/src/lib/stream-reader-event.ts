import type { StreamEntry } from './stream-entry';

/** A dedicated connection is being opened. `attempt` is 1-based and follows the `retry` before it. */
export interface StreamReaderConnectingEvent {
  readonly type: 'connecting';
  readonly attempt: number;
}

/** Connected; reading entries after `position` (a concrete id, never `$`). */
export interface StreamReaderReadyEvent {
  readonly type: 'ready';
  readonly position: string;
}

/** `CONNECT_FAILED` before the connection was ready, `READ_FAILED` after. */
export type StreamReaderErrorCode = 'CONNECT_FAILED' | 'READ_FAILED';

/** The connection or a command failed (`code` stable, `message` from node-redis). */
export interface StreamReaderErrorEvent {
  readonly type: 'error';
  readonly code: StreamReaderErrorCode;
  readonly message: string;
}

/** Waiting `delayMs` before connection `attempt + 1`. */
export interface StreamReaderRetryEvent {
  readonly type: 'retry';
  readonly attempt: number;
  readonly delayMs: number;
}

/** The next entry of the stream, in order, each exactly once. */
export interface StreamEntryEvent {
  readonly type: 'entry';
  readonly entry: StreamEntry;
}

/** The life of a reader's dedicated connection: every event but `entry`. */
export type StreamReaderState =
  | StreamReaderConnectingEvent
  | StreamReaderReadyEvent
  | StreamReaderErrorEvent
  | StreamReaderRetryEvent;

/**
 * What a {@link redisStreamReader} emits: its state and its entries, as values of one
 * Observable, in the order they happen (like the upstream socket's `SocketEvent`s). A
 * connection's life is `connecting`, `ready`, `entry`..., then `error` and `retry` before the
 * next `connecting`.
 */
export type StreamReaderEvent = StreamReaderState | StreamEntryEvent;
