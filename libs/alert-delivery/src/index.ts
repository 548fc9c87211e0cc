export { createAlertDelivery } from './lib/alert-delivery';
export type { AlertDelivery, AlertDeliveryOptions } from './lib/alert-delivery';
export { createAlertMetrics } from './lib/alert-metrics';
export type { AlertMetrics } from './lib/alert-metrics';
export { DEFAULT_CHANNEL_ENDPOINTS, signature } from './lib/channel-request';
export type { ChannelEndpoints } from './lib/channel-request';
export { deliveryId } from './lib/delivery-id';
export { DEFAULT_DELIVERY_OPTIONS } from './lib/delivery-options';
export type { DeliveryOptions } from './lib/delivery-options';
export { maskChannel } from './lib/mask-secret';
export { MAX_RULE_NAME_LENGTH, parseAlertRule } from './lib/parse-alert-rule';
export { MIN_WEBHOOK_SECRET_LENGTH } from './lib/parse-channel';
export type {
  AlertRuleFields,
  ParseAlertRuleResult,
} from './lib/parse-alert-rule';
export { RULE_ERROR_CODES } from './lib/rule-errors';
export type { RuleError, RuleErrorCode } from './lib/rule-errors';
export { DEFAULT_MAX_RULES } from './lib/rule-store';
export type { SendFailureCode } from './lib/send-request';
export { testSend, TEST_FILING } from './lib/test-send';
