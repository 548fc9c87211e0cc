import {
  CHANNEL_TYPES,
  type AlertChannel,
  type ChannelType,
} from '@secfeed/alert-model';
import { isMasked } from './mask-secret';
import { asObject, refuse } from './rule-refusal';
import { RULE_ERROR_CODES } from './rule-errors';

/** Shortest webhook secret. */
export const MIN_WEBHOOK_SECRET_LENGTH = 16;

const CHANNEL_KEYS: Record<ChannelType, string[]> = {
  webhook: ['type', 'url', 'secret'],
  slack: ['type', 'url'],
  discord: ['type', 'url'],
  telegram: ['type', 'botToken', 'chatId'],
};
const SLACK_URL =
  /^https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{8,200}$/;
const DISCORD_URL =
  /^https:\/\/((canary|ptb)\.)?discord(app)?\.com\/api\/(v\d+\/)?webhooks\/\d{5,30}\/[A-Za-z0-9_-]{20,200}$/;
const BOT_TOKEN = /^\d{3,20}:[A-Za-z0-9_-]{20,100}$/;
const CHAT_ID = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,63})$/;

/**
 * Validates the `channel` of a rule (contracts §8). A channel of the same type as `existing`
 * that omits its secret (webhook `secret`, Slack or Discord `url`, Telegram `botToken`) or sends
 * it back masked keeps the stored one. Throws a `Refusal` (see rule-refusal.ts).
 */
export function parseChannel(
  value: unknown,
  existing: AlertChannel | undefined,
): AlertChannel {
  const raw = asObject(value, 'channel', RULE_ERROR_CODES.invalidChannel);
  const type = raw['type'];
  if (!CHANNEL_TYPES.includes(type as ChannelType)) {
    refuse(
      RULE_ERROR_CODES.invalidChannel,
      'channel.type',
      `channel.type must be one of ${CHANNEL_TYPES.join(', ')}`,
    );
  }
  const kind = type as ChannelType;
  for (const key of Object.keys(raw)) {
    if (!CHANNEL_KEYS[kind].includes(key)) {
      refuse(
        RULE_ERROR_CODES.invalidChannel,
        `channel.${key}`,
        `a ${kind} channel has no field ${key}`,
      );
    }
  }
  const kept = existing?.type === kind ? existing : undefined;
  const secretOf = (field: string): unknown => {
    const given = raw[field];
    const stored = kept && (kept as unknown as Record<string, unknown>)[field];
    return (given === undefined || isMasked(given)) && stored !== undefined
      ? stored
      : given;
  };
  switch (kind) {
    case 'webhook':
      return {
        type: kind,
        url: webhookUrl(raw['url']),
        secret: webhookSecret(secretOf('secret')),
      };
    case 'slack':
    case 'discord':
      return {
        type: kind,
        url: matching(
          secretOf('url'),
          kind === 'slack' ? SLACK_URL : DISCORD_URL,
          kind === 'slack'
            ? 'an incoming-webhook URL https://hooks.slack.com/services/...'
            : 'a webhook URL https://discord.com/api/webhooks/<id>/<token>',
        ),
      };
    case 'telegram':
      return {
        type: kind,
        botToken: required(
          secretOf('botToken'),
          'botToken',
          BOT_TOKEN,
          'a bot token like 123456:ABC...',
        ),
        chatId: required(
          typeof raw['chatId'] === 'number'
            ? String(raw['chatId'])
            : raw['chatId'],
          'chatId',
          CHAT_ID,
          'a chat id (a number, or @channelname)',
        ),
      };
  }
}

function webhookUrl(value: unknown): string {
  let url: URL | undefined;
  try {
    url =
      typeof value === 'string' && value.length <= 2000
        ? new URL(value)
        : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    return refuse(
      RULE_ERROR_CODES.invalidChannelUrl,
      'channel.url',
      'channel.url must be an http or https URL of at most 2000 characters',
    );
  }
  if (url.username || url.password) {
    refuse(
      RULE_ERROR_CODES.invalidChannelUrl,
      'channel.url',
      'channel.url must not carry credentials; sign with channel.secret',
    );
  }
  return url.href;
}

function webhookSecret(value: unknown): string {
  if (typeof value !== 'string') {
    return refuse(
      RULE_ERROR_CODES.invalidChannel,
      'channel.secret',
      'a webhook channel needs a secret (the HMAC key of X-Secfeed-Signature)',
    );
  }
  if (value.length < MIN_WEBHOOK_SECRET_LENGTH || value.length > 256) {
    refuse(
      RULE_ERROR_CODES.weakSecret,
      'channel.secret',
      `channel.secret must have ${MIN_WEBHOOK_SECRET_LENGTH} to 256 characters`,
    );
  }
  return value;
}

function matching(value: unknown, pattern: RegExp, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    refuse(
      RULE_ERROR_CODES.invalidChannelUrl,
      'channel.url',
      `channel.url must be ${what}`,
    );
  }
  return value as string;
}

function required(
  value: unknown,
  field: string,
  pattern: RegExp,
  what: string,
): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    refuse(
      RULE_ERROR_CODES.invalidChannel,
      `channel.${field}`,
      `channel.${field} must be ${what}`,
    );
  }
  return value as string;
}
