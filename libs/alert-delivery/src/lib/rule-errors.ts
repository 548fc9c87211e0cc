import type { InsightFilterErrorCode } from '@secfeed/filing-model';

/**
 * Stable codes of a refused rule (400 `{"error":{"code","message","field"}}`, docs/alerts.md).
 */
export const RULE_ERROR_CODES = Object.freeze({
  /** The body is not a JSON object, has an unknown key, or a field of the wrong type. */
  invalidRule: 'INVALID_RULE',
  /** `filters` refused by `parseFilingFilters`. */
  invalidFilters: 'INVALID_FILTERS',
  /** A filter list above the cap. */
  tooManyValues: 'TOO_MANY_VALUES',
  /** `channel` missing, of an unknown type, with unknown keys or a missing field. */
  invalidChannel: 'INVALID_CHANNEL',
  /** The channel URL is not one this channel type accepts. */
  invalidChannelUrl: 'INVALID_CHANNEL_URL',
  /** A webhook secret shorter than 16 characters. */
  weakSecret: 'WEAK_SECRET',
  /** `ratePerSecond` not a number from 0.01 to 100. */
  invalidRate: 'INVALID_RATE',
} as const);

/** A rule's own codes, and an insight filter's code as filing-model gives it (`INVALID_ITEM`...). */
export type RuleErrorCode =
  | (typeof RULE_ERROR_CODES)[keyof typeof RULE_ERROR_CODES]
  | InsightFilterErrorCode;

/** Why a rule was refused: a code, the field at fault and a message for people. */
export interface RuleError {
  readonly code: RuleErrorCode;
  readonly field: string;
  readonly message: string;
}
