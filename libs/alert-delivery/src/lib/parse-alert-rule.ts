import { filtersToJson, parseFilingFilters } from '@secfeed/filing-model';
import {
  CHANNEL_TYPES,
  type AlertChannel,
  type AlertRule,
  type ChannelType,
} from './alert-rule';
import { isMasked } from './mask-secret';
import { RULE_ERROR_CODES, type RuleError } from './rule-errors';

/** What a client may set; the service sets `id`, `createdAt`, `updatedAt`. */
export type AlertRuleFields = Pick<
  AlertRule,
  'name' | 'enabled' | 'filters' | 'channel' | 'ratePerSecond'
>;

export type ParseAlertRuleResult =
  | { readonly ok: true; readonly fields: AlertRuleFields }
  | { readonly ok: false; readonly error: RuleError };

/** Longest rule name. */
export const MAX_RULE_NAME_LENGTH = 100;
/** Shortest webhook secret. */
export const MIN_WEBHOOK_SECRET_LENGTH = 16;

const RULE_KEYS = ['name', 'enabled', 'filters', 'channel', 'ratePerSecond'];
// Sent back from a GET: accepted and ignored, so a client can PUT what it read.
const READ_ONLY_KEYS = ['id', 'createdAt', 'updatedAt'];
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

class Refusal extends Error {
  constructor(readonly error: RuleError) {
    super(error.message);
  }
}

const refuse = (
  code: RuleError['code'],
  field: string,
  message: string,
): never => {
  throw new Refusal({ code, field, message });
};

/**
 * Validates a rule sent to the API. `mode` `create` and `replace` (PUT) need `name` and
 * `channel`; `patch` changes only the fields given. With `existing` (PUT, PATCH), a channel of
 * the same type that omits its secret, or sends it back masked, keeps the stored one, so a
 * client can send back what it read. Never throws.
 *
 * @example
 * ```ts
 * const parsed = parseAlertRule({ name: 'AAPL 8-K', filters: { tickers: ['AAPL'] }, channel }, 'create');
 * if (!parsed.ok) return send(400, parsed.error);
 * ```
 */
export function parseAlertRule(
  body: unknown,
  mode: 'create' | 'replace' | 'patch',
  existing?: AlertRule,
): ParseAlertRuleResult {
  try {
    return { ok: true, fields: parseFields(body, mode, existing) };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, error: err.error };
    throw err;
  }
}

function parseFields(
  body: unknown,
  mode: 'create' | 'replace' | 'patch',
  existing: AlertRule | undefined,
): AlertRuleFields {
  const raw = asObject(body, '', RULE_ERROR_CODES.invalidRule);
  for (const key of Object.keys(raw)) {
    if (!RULE_KEYS.includes(key) && !READ_ONLY_KEYS.includes(key)) {
      refuse(RULE_ERROR_CODES.invalidRule, key, `unknown field ${key}`);
    }
  }
  const base = mode === 'patch' ? existing : undefined;
  const whole = mode !== 'patch';
  return {
    name:
      raw['name'] !== undefined || whole
        ? parseName(raw['name'])
        : (base?.name ?? ''),
    enabled:
      raw['enabled'] !== undefined
        ? parseEnabled(raw['enabled'])
        : whole
          ? true
          : (base?.enabled ?? true),
    filters:
      raw['filters'] !== undefined || whole
        ? parseFilters(raw['filters'])
        : (base?.filters ?? {}),
    channel:
      raw['channel'] !== undefined || whole
        ? parseChannel(raw['channel'], existing?.channel)
        : (base?.channel as AlertChannel),
    ratePerSecond:
      raw['ratePerSecond'] !== undefined || whole
        ? parseRate(raw['ratePerSecond'])
        : base?.ratePerSecond,
  };
}

function asObject(
  value: unknown,
  field: string,
  code: RuleError['code'],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    refuse(code, field, `${field || 'the rule'} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

function parseName(value: unknown): string {
  if (
    typeof value !== 'string' ||
    value.trim() === '' ||
    value.length > MAX_RULE_NAME_LENGTH
  ) {
    refuse(
      RULE_ERROR_CODES.invalidRule,
      'name',
      `name must be a string of 1 to ${MAX_RULE_NAME_LENGTH} characters`,
    );
  }
  return (value as string).trim();
}

function parseEnabled(value: unknown): boolean {
  if (typeof value !== 'boolean') {
    refuse(
      RULE_ERROR_CODES.invalidRule,
      'enabled',
      'enabled must be true or false',
    );
  }
  return value as boolean;
}

function parseRate(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !(value >= 0.01 && value <= 100)) {
    refuse(
      RULE_ERROR_CODES.invalidRate,
      'ratePerSecond',
      'ratePerSecond must be a number from 0.01 to 100',
    );
  }
  return value as number;
}

function parseFilters(value: unknown): Record<string, unknown> {
  const parsed = parseFilingFilters(value ?? {});
  if (!parsed.ok) {
    const reason = parsed.reasons[0];
    refuse(
      parsed.code === 'TOO_MANY_VALUES'
        ? RULE_ERROR_CODES.tooManyValues
        : RULE_ERROR_CODES.invalidFilters,
      `filters${reason?.field ? `.${reason.field}` : ''}`,
      `filters${reason?.field ? `.${reason.field}` : ''} ${reason?.reason ?? 'are invalid'}`,
    );
  }
  // Known lists normalized; any further filter filing-model accepts (insights) kept as given.
  return {
    ...(value as Record<string, unknown>),
    ...filtersToJson(
      (parsed as { filters: Parameters<typeof filtersToJson>[0] }).filters,
    ),
  };
}

function parseChannel(
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
