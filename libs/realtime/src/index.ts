// The gateway's real-time half (docs/protocol.md): the WebSocket endpoint and the fan-out of the
// filings stream to every client. Node only; the gateway routes upgrades of /ws to it.
export {
  createRealtime,
  type Realtime,
  type RealtimeOptions,
} from './lib/realtime';
export { REALTIME_DEFAULTS, type RealtimeConfig } from './lib/realtime-config';
export {
  createRealtimeMetrics,
  type RealtimeMetrics,
} from './lib/realtime-metrics';
export {
  CLOSE_CODES,
  ERROR_CODES,
  REFUSAL_CODES,
  type CloseCode,
  type ErrorCode,
  type RefusalCode,
} from './lib/protocol-codes';
export { MAX_SNAPSHOT, parseClientMessage } from './lib/parse-client-message';
export { MAX_CONSECUTIVE_ERRORS } from './lib/message-guard';
export { refuseUpgrade, WEBSOCKET_PATH } from './lib/upgrade-gate';
