import { filtersToJson, parseFilingFilters } from '@secfeed/filing-model';
import type { AlertChannel, AlertRule } from '@secfeed/alert-model';
import { parseChannel } from './parse-channel';
import { asObject, Refusal, refuse } from './rule-refusal';
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

const RULE_KEYS = ['name', 'enabled', 'filters', 'channel', 'ratePerSecond'];
// Sent back from a GET: accepted and ignored, so a client can PUT what it read.
const READ_ONLY_KEYS = ['id', 'createdAt', 'updatedAt'];

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
        : parsed.code === 'INVALID_FILTERS'
          ? RULE_ERROR_CODES.invalidFilters
          : // An insight filter's own code (INVALID_ITEM...), as the WebSocket answers it.
            parsed.code,
      `filters${reason?.field ? `.${reason.field}` : ''}`,
      `filters${reason?.field ? `.${reason.field}` : ''} ${reason?.reason ?? 'are invalid'}`,
    );
  }
  // Normalized as the gateway echoes them (insight filters included).
  return filtersToJson(
    (parsed as { filters: Parameters<typeof filtersToJson>[0] }).filters,
  ) as unknown as Record<string, unknown>;
}
