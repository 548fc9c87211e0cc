import {
  EMPTY_FILTERS,
  cleanCik,
  cleanList,
  toSubscriptionFilters,
  validValues,
  type FeedFilters,
} from '../filters/feed-filters';
import type {
  AlertChannel,
  AlertRule,
  AlertRuleBody,
  ChannelType,
} from './alert-rule';

/** The rule form's state: every field as typed. Secrets are `''` until retyped. */
export interface RuleDraft {
  readonly name: string;
  readonly enabled: boolean;
  /** The filter bar's own state (its search and dates are not used by rules). */
  readonly filters: FeedFilters;
  readonly channelType: ChannelType;
  /** Webhook URL (shown in full), or a Slack or Discord URL (a secret: `''` keeps it). */
  readonly url: string;
  /** Webhook secret; `''` keeps the stored one. */
  readonly secret: string;
  /** Telegram bot token; `''` keeps the stored one. */
  readonly botToken: string;
  readonly chatId: string;
}

/** A form error: the API's code (or the one it would answer) and words. */
export interface FieldError {
  readonly code: string;
  readonly message: string;
}

/** Longest rule name (the service's `MAX_RULE_NAME_LENGTH`). */
export const MAX_NAME_LENGTH = 100;
/** Webhook secret length the service accepts (`WEAK_SECRET` outside it). */
export const SECRET_LENGTH = { min: 16, max: 256 } as const;

export const EMPTY_DRAFT: RuleDraft = {
  name: '',
  enabled: true,
  filters: EMPTY_FILTERS,
  channelType: 'webhook',
  url: '',
  secret: '',
  botToken: '',
  chatId: '',
};

/** The form's starting state for an existing rule; masked secrets are not copied in. */
export function draftFromRule(rule: AlertRule): RuleDraft {
  const channel = rule.channel;
  return {
    ...EMPTY_DRAFT,
    name: rule.name,
    enabled: rule.enabled,
    filters: filtersFromRule(rule.filters),
    channelType: channel.type,
    url: channel.type === 'webhook' ? channel.url : '',
    chatId: channel.type === 'telegram' ? channel.chatId : '',
  };
}

/**
 * A rule's stored filters as the filter bar holds them, each value read by the bar's own rules
 * (`validValues`, `cleanList`, `cleanCik`), so what the bar would drop is dropped here too.
 */
export function filtersFromRule(
  json: Readonly<Record<string, unknown>>,
): FeedFilters {
  const list = (key: string) =>
    Array.isArray(json[key])
      ? (json[key] as unknown[]).filter(
          (v): v is string => typeof v === 'string',
        )
      : [];
  const number = (key: string) =>
    typeof json[key] === 'number' ? (json[key] as number) : null;
  return {
    ...EMPTY_FILTERS,
    tickers: cleanList(list('tickers')),
    ciks: [...new Set(list('ciks').map(cleanCik).filter(Boolean))],
    formTypes: cleanList(list('formTypes')),
    includeAmendments: json['includeAmendments'] !== false,
    items: validValues('item', list('items')),
    transactionCodes: validValues('transactionCode', list('transactionCodes')),
    minTransactionValue: number('minTransactionValue'),
    tenb51: typeof json['tenb51'] === 'boolean' ? json['tenb51'] : null,
    minStakePercent: number('minStakePercent'),
  };
}

/** Whether `existing` keeps a secret the draft may leave blank (same channel type). */
function keepsSecret(draft: RuleDraft, existing: AlertChannel | undefined) {
  return existing?.type === draft.channelType;
}

/**
 * What the page checks before sending, by the API's field names (`name`, `channel.url`...):
 * what is missing, and what the service would refuse whatever the channel (name length, URL
 * scheme, secret length). Service-specific checks (a Slack URL's host, a bot token's shape)
 * are left to the API, whose 400 is shown by the same field.
 */
export function validateDraft(
  draft: RuleDraft,
  existing?: AlertChannel,
): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  const name = draft.name.trim();
  if (name === '' || name.length > MAX_NAME_LENGTH) {
    errors['name'] = {
      code: 'INVALID_RULE',
      message: `A name of 1 to ${MAX_NAME_LENGTH} characters is needed.`,
    };
  }
  const kept = keepsSecret(draft, existing);
  const url = draft.url.trim();
  if (draft.channelType === 'webhook') {
    if (!isHttpUrl(url)) {
      errors['channel.url'] = {
        code: 'INVALID_CHANNEL_URL',
        message: 'An http or https URL is needed.',
      };
    }
    const { min, max } = SECRET_LENGTH;
    if (draft.secret === '' && !kept) {
      errors['channel.secret'] = {
        code: 'INVALID_CHANNEL',
        message: 'A secret is needed: the key of the X-Secfeed-Signature HMAC.',
      };
    } else if (
      draft.secret !== '' &&
      (draft.secret.length < min || draft.secret.length > max)
    ) {
      errors['channel.secret'] = {
        code: 'WEAK_SECRET',
        message: `The secret needs ${min} to ${max} characters.`,
      };
    }
  } else if (draft.channelType === 'telegram') {
    if (draft.botToken.trim() === '' && !kept) {
      errors['channel.botToken'] = {
        code: 'INVALID_CHANNEL',
        message: 'The bot token is needed (123456:ABC...).',
      };
    }
    if (draft.chatId.trim() === '') {
      errors['channel.chatId'] = {
        code: 'INVALID_CHANNEL',
        message: 'The chat id is needed (a number, or @channelname).',
      };
    }
  } else if (url === '' && !kept) {
    errors['channel.url'] = {
      code: 'INVALID_CHANNEL_URL',
      message: `The ${draft.channelType === 'slack' ? 'Slack incoming-webhook' : 'Discord webhook'} URL is needed.`,
    };
  } else if (url !== '' && !isHttpUrl(url)) {
    errors['channel.url'] = {
      code: 'INVALID_CHANNEL_URL',
      message: 'An https URL is needed.',
    };
  }
  return errors;
}

/**
 * The body of `POST` or `PUT` for a draft. Secrets left blank are left out, so a `PUT` keeps
 * the stored ones; the filters go as the live feed subscribes with them (`toSubscriptionFilters`).
 */
export function ruleBody(draft: RuleDraft): AlertRuleBody {
  const url = draft.url.trim();
  const channel: Record<string, string> = { type: draft.channelType };
  switch (draft.channelType) {
    case 'webhook':
      channel['url'] = url;
      if (draft.secret !== '') channel['secret'] = draft.secret;
      break;
    case 'slack':
    case 'discord':
      if (url !== '') channel['url'] = url;
      break;
    case 'telegram':
      if (draft.botToken.trim() !== '')
        channel['botToken'] = draft.botToken.trim();
      channel['chatId'] = draft.chatId.trim();
      break;
  }
  return {
    name: draft.name.trim(),
    enabled: draft.enabled,
    filters: toSubscriptionFilters(draft.filters),
    channel,
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
