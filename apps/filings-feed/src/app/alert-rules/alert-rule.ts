import type { DeliveryRecord } from '@secfeed/alert-model';
import type { SubscriptionFilters } from '../connection/subscription-filters';

// The rule, its channel and a deliveries line are the alerts service's own types
// (`@secfeed/alert-model`); as the API answers them, the channel's secrets are masked (`****`
// and the last 4 characters).
export { CHANNEL_TYPES } from '@secfeed/alert-model';
export type {
  AlertChannel,
  AlertRule,
  ChannelType,
  DeliveryRecord,
} from '@secfeed/alert-model';

/** What the page sends on create (`POST`) and update (`PUT`). */
export interface AlertRuleBody {
  readonly name: string;
  readonly enabled: boolean;
  readonly filters: SubscriptionFilters;
  /** Secrets left out keep the stored ones on `PUT`. */
  readonly channel: Readonly<Record<string, string>>;
}

/** `GET /api/alert-rules/:id/deliveries`. */
export interface DeliveryReport {
  readonly ruleId: string;
  readonly queued: number;
  /** Counters as stored (`delivered`, `failedAttempts`, `deadLettered`, `lastDelivered`...). */
  readonly progress: Readonly<Record<string, string>>;
  readonly recent: readonly DeliveryRecord[];
  readonly deadLetters: readonly DeliveryRecord[];
}

/** What a test-send did: accepted (`status` of the receiver) or not (`failure` code). */
export type TestSendResult =
  | {
      readonly delivered: true;
      readonly status: number;
      readonly deliveryId: string;
    }
  | {
      readonly delivered: false;
      readonly failure: string;
      readonly status: number | null;
      readonly message: string;
    };

/** A refusal of the API: its status, code and words, and the field it names (`channel.url`). */
export interface RuleApiError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}
