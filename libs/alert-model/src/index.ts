export {
  CHANNEL_TYPES,
  DEFAULT_RATE_PER_SECOND,
  ruleRate,
} from './lib/alert-rule';
export type { AlertChannel, AlertRule, ChannelType } from './lib/alert-rule';
export type { DeliveryRecord, EntryKind } from './lib/delivery-record';
