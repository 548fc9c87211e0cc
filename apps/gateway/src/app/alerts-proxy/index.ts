export { ALERTS_API_PATH, isAlertsPath } from './alerts-path';
export { ALERTS_PROXY_CODES, type AlertsProxyCode } from './alerts-proxy-codes';
export {
  createAlertsProxy,
  DEFAULT_ALERTS_MAX_BODY_BYTES,
  DEFAULT_ALERTS_TIMEOUT_MS,
  type AlertsProxyOptions,
} from './create-alerts-proxy';
