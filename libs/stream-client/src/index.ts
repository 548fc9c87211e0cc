// Node only (`ws`, node-redis). The retry policy its options use is re-exported from
// `@secfeed/reconnect-policy`, the browser-safe library the dashboard imports instead.
export * from '@secfeed/reconnect-policy';
export { redactUrl } from './lib/redact-url';
export { reconnectingSocket } from './lib/reconnecting-socket';
export type {
  SocketClosedEvent,
  SocketConnectingEvent,
  SocketEvent,
  SocketFailure,
  SocketMessageEvent,
  SocketOpenEvent,
  SocketRetryEvent,
} from './lib/socket-event';
export type { ReconnectingSocketOptions } from './lib/socket-options';
export { redisStreamReader } from './lib/redis-stream-reader';
export type { StreamEntry } from './lib/stream-entry';
export type {
  StreamEntryEvent,
  StreamReaderConnectingEvent,
  StreamReaderErrorCode,
  StreamReaderErrorEvent,
  StreamReaderEvent,
  StreamReaderReadyEvent,
  StreamReaderRetryEvent,
  StreamReaderState,
} from './lib/stream-reader-event';
export type {
  DedicatedConnection,
  DuplicableRedisClient,
  RedisStreamReaderOptions,
} from './lib/stream-reader-options';
