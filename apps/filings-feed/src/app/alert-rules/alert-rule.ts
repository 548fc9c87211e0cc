import type { SubscriptionFilters } from '../connection/subscription-filters';

/** The channel kinds of contracts §8. */
export const CHANNEL_TYPES = [
  'webhook',
  'slack',
  'discord',
  'telegram',
] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** A rule's channel as the API answers it: secrets masked (`****` and the last 4 characters). */
export type AlertChannel =
  | { readonly type: 'webhook'; readonly url: string; readonly secret: string }
  | { readonly type: 'slack'; readonly url: string }
  | { readonly type: 'discord'; readonly url: string }
  | {
      readonly type: 'telegram';
      readonly botToken: string;
      readonly chatId: string;
    };

/** A rule as `GET /api/alert-rules` answers it (docs/alerts.md, "API"). */
export interface AlertRule {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  /** The filters as the service normalized them (`filtersToJson`). */
  readonly filters: Readonly<Record<string, unknown>>;
  readonly channel: AlertChannel;
  readonly ratePerSecond?: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What the page sends on create (`POST`) and update (`PUT`). */
export interface AlertRuleBody {
  readonly name: string;
  readonly enabled: boolean;
  readonly filters: SubscriptionFilters;
  /** Secrets left out keep the stored ones on `PUT`. */
  readonly channel: Readonly<Record<string, string>>;
}

/** One line of a rule's deliveries log or dead letters. */
export interface DeliveryRecord {
  readonly deliveryId: string;
  readonly entryId: string;
  readonly accessionNo: string;
  readonly kind: 'filing' | 'insights';
  readonly outcome: 'delivered' | 'failed' | 'dead_lettered';
  readonly attempt: number;
  readonly status?: number;
  readonly code?: string;
  readonly at: string;
  readonly lagMs?: number;
  readonly nextAttemptAt?: string;
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
