// Node entry point. The transport-free building blocks also live in `./retry` for browsers.
export * from './retry';
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
