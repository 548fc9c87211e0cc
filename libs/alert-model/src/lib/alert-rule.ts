/** The channel kinds of contracts §8. */
export const CHANNEL_TYPES = [
  'webhook',
  'slack',
  'discord',
  'telegram',
] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** Where a rule's alerts go (contracts §8). Secrets stay inside the service. */
export type AlertChannel =
  | { readonly type: 'webhook'; readonly url: string; readonly secret: string }
  | { readonly type: 'slack'; readonly url: string }
  | { readonly type: 'discord'; readonly url: string }
  | {
      readonly type: 'telegram';
      readonly botToken: string;
      readonly chatId: string;
    };

/**
 * One alert rule as stored in Redis: the §3 subscription filters (plus whatever insights
 * filters `parseFilingFilters` accepts), the channel, and an optional rate.
 */
export interface AlertRule {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  /** The filters as validated by `parseFilingFilters` (JSON; sets become lists). */
  readonly filters: Readonly<Record<string, unknown>>;
  readonly channel: AlertChannel;
  /** Deliveries per second this rule may make; absent: the channel's default. */
  readonly ratePerSecond?: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * Sustained deliveries per second of a rule by channel, unless the rule sets its own: Slack
 * allows one message a second per incoming webhook, Discord about 30 a minute per webhook,
 * Telegram about one a second per chat.
 */
export const DEFAULT_RATE_PER_SECOND: Readonly<Record<ChannelType, number>> =
  Object.freeze({ webhook: 10, slack: 1, discord: 0.5, telegram: 1 });

/** The rate a rule is delivered at. */
export function ruleRate(rule: Pick<AlertRule, 'ratePerSecond' | 'channel'>) {
  return rule.ratePerSecond ?? DEFAULT_RATE_PER_SECOND[rule.channel.type];
}
