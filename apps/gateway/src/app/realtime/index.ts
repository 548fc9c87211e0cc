export {
  createRealtime,
  type Realtime,
  type RealtimeOptions,
} from './realtime';
export {
  CLOSE_CODES,
  ERROR_CODES,
  REFUSAL_CODES,
  type CloseCode,
  type ErrorCode,
  type RefusalCode,
} from './protocol-codes';
export { MAX_SNAPSHOT } from './parse-client-message';
export { MAX_CONSECUTIVE_ERRORS } from './message-guard';
export { refuseUpgrade, WEBSOCKET_PATH } from './upgrade-gate';
