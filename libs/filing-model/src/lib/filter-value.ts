/**
 * The one rule for the values of subscription and history filters (docs/protocol.md,
 * "Filter values"): the WebSocket's `filters.tickers/ciks/formTypes/items/transactionCodes`
 * and REST's `ticker/cik/formType/item/transactionCode` accept and refuse exactly the same
 * values, normalized the same way; so do the numbers `minTransactionValue` and
 * `minStakePercent`. Browser-safe: no class-validator here.
 */

/**
 * Most values one filter list may hold. A subscription is matched against every filing, so a
 * list of thousands would make one client cost as much as thousands; watchlists are far
 * shorter. Above it the gateway answers `TOO_MANY_VALUES`.
 */
export const MAX_FILTER_VALUES = 100;

/** Which filter a value belongs to. */
export type FilterValueKind =
  'ticker' | 'cik' | 'formType' | 'item' | 'transactionCode';

/** Which numeric filter a number belongs to (both are lower bounds, inclusive). */
export type FilterNumberKind = 'minTransactionValue' | 'minStakePercent';

/**
 * The limits of one filter value, in characters, after normalization.
 *
 * | limit | value | why |
 * |---|---|---|
 * | `tickerLength` | 16 | real tickers have at most about 10 (`BRK-A`, `BF.B`, `TRTN-PA`); room for class and suffix notations (`BAC^L`, `XYZ.WS`) |
 * | `formTypeLength` | 32 | the longest EDGAR form types (`SCHEDULE 13D/A`) have about 15 |
 * | `cikDigits` | 10 | EDGAR pads CIKs to ten digits; none has more significant ones |
 * | `maxTransactionValue` | 1e12 | USD; far above any insider transaction, low enough that shares x price stays exact |
 * | `maxStakePercent` | 100 | a percent of class |
 */
export const FILTER_VALUE_LIMITS = Object.freeze({
  values: MAX_FILTER_VALUES,
  tickerLength: 16,
  formTypeLength: 32,
  cikDigits: 10,
  maxTransactionValue: 1e12,
  maxStakePercent: 100,
});

/**
 * Ownership transaction codes of Forms 3, 4 and 5 (the SEC's Form 4 instructions, General
 * Instruction 8): `P` open-market purchase, `S` sale, `A` grant, `M` option exercise, `F` tax
 * withholding, `G` gift, and the rarer ones.
 */
export const TRANSACTION_CODES: readonly string[] = Object.freeze(
  'PSVADFIMCEHOXGLWZJKU'.split(''),
);

interface FilterValueRule {
  readonly pattern: RegExp;
  /** What a valid value looks like, completing "must be ...". */
  readonly description: string;
  normalize(value: string): string;
}

const { tickerLength, formTypeLength, cikDigits } = FILTER_VALUE_LIMITS;

// Every accepted value is also a valid Redis key part (no braces, no whitespace but the single
// spaces of form types, which the form index key maps to `_`).
const RULES: Readonly<Record<FilterValueKind, FilterValueRule>> = {
  ticker: {
    pattern: new RegExp(`^[A-Z0-9][A-Z0-9._\\-/^=]{0,${tickerLength - 1}}$`),
    description: `a ticker such as AAPL, BRK-B or BF.B (a letter or digit, then at most ${tickerLength - 1} letters, digits or . - _ / ^ =)`,
    normalize: (value) => value.trim().toUpperCase(),
  },
  cik: {
    pattern: new RegExp(`^[1-9]\\d{0,${cikDigits - 1}}$`),
    description: `a CIK: digits, at most ${cikDigits} significant, not all zeros`,
    // A CIK compares as a number (contracts §3): 0000320193 is 320193.
    normalize: (value) => value.trim().replace(/^0+(?=\d)/, ''),
  },
  formType: {
    pattern: new RegExp(`^[A-Z0-9][A-Z0-9 .\\-/]{0,${formTypeLength - 1}}$`),
    description: `a form type such as 10-K, 8-K, 4 or SC 13D (a letter or digit, then at most ${formTypeLength - 1} letters, digits, single spaces or . - /)`,
    // Runs of spaces collapse, so `SC  13D` is `SC 13D` in matching and in the index key.
    normalize: (value) => value.trim().toUpperCase().replace(/ +/g, ' '),
  },
  item: {
    // 8-K items as EDGAR writes them: 1.01 ... 9.01 (section, dot, two digits).
    pattern: /^[1-9]\.\d{2}$/,
    description:
      'an 8-K item code such as 2.02, 5.02 or 9.01 (a digit, a dot, two digits)',
    normalize: (value) => value.trim(),
  },
  transactionCode: {
    pattern: new RegExp(`^[${TRANSACTION_CODES.join('')}]$`),
    description: `a Form 4 transaction code: one of ${TRANSACTION_CODES.join(', ')}`,
    normalize: (value) => value.trim().toUpperCase(),
  },
};

const NUMBER_RULES: Readonly<
  Record<
    FilterNumberKind,
    { readonly max: number; readonly description: string }
  >
> = {
  minTransactionValue: {
    max: FILTER_VALUE_LIMITS.maxTransactionValue,
    description: `a number of US dollars from 0 to ${FILTER_VALUE_LIMITS.maxTransactionValue}`,
  },
  minStakePercent: {
    max: FILTER_VALUE_LIMITS.maxStakePercent,
    description: `a percent of class from 0 to ${FILTER_VALUE_LIMITS.maxStakePercent}`,
  },
};

// A query-string number: plain decimal, no sign, exponent, hex or thousands separators.
const DECIMAL = /^\d{1,13}(\.\d{1,6})?$/;

export type FilterValueResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: string };

/** The normalized form of `value` (trimmed, upper case, CIK zeros stripped), valid or not. */
export function normalizeFilterValue(
  kind: FilterValueKind,
  value: string,
): string {
  return RULES[kind].normalize(value);
}

/** Whether `value`, already normalized, is a valid value of `kind`. */
export function isFilterValue(kind: FilterValueKind, value: unknown): boolean {
  return typeof value === 'string' && RULES[kind].pattern.test(value);
}

/** What a valid value of `kind` looks like, completing "must be ..." in a reason. */
export function filterValueDescription(kind: FilterValueKind): string {
  return RULES[kind].description;
}

/**
 * Normalizes and checks one filter value. Never throws.
 *
 * @example
 * ```ts
 * parseFilterValue('ticker', ' brk-b '); // { ok: true, value: 'BRK-B' }
 * parseFilterValue('cik', '0000320193'); // { ok: true, value: '320193' }
 * parseFilterValue('formType', 'sc  13d'); // { ok: true, value: 'SC 13D' }
 * parseFilterValue('ticker', 'AAPL!'); // { ok: false, reason: 'must be a ticker such as ...' }
 * ```
 */
export function parseFilterValue(
  kind: FilterValueKind,
  raw: string,
): FilterValueResult {
  const value = normalizeFilterValue(kind, raw);
  return isFilterValue(kind, value)
    ? { ok: true, value }
    : { ok: false, reason: `must be ${filterValueDescription(kind)}` };
}

export type FilterNumberResult =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly reason: string };

/** What a valid number of `kind` looks like, completing "must be ...". */
export function filterNumberDescription(kind: FilterNumberKind): string {
  return NUMBER_RULES[kind].description;
}

/** Whether `value` is a valid number of `kind`: finite, from 0 to its maximum. */
export function isFilterNumber(
  kind: FilterNumberKind,
  value: unknown,
): boolean {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= 0 &&
    value <= NUMBER_RULES[kind].max
  );
}

/**
 * Checks one numeric filter: a JSON number on the WebSocket, a plain decimal string
 * (`100000`, `9.5`) in a REST query. Never throws.
 *
 * @example
 * ```ts
 * parseFilterNumber('minTransactionValue', '100000'); // { ok: true, value: 100000 }
 * parseFilterNumber('minStakePercent', 9.8); // { ok: true, value: 9.8 }
 * parseFilterNumber('minStakePercent', 120); // { ok: false, reason: 'must be a percent of class from 0 to 100' }
 * ```
 */
export function parseFilterNumber(
  kind: FilterNumberKind,
  raw: string | number,
): FilterNumberResult {
  const value =
    typeof raw === 'number'
      ? raw
      : DECIMAL.test(raw.trim())
        ? Number(raw.trim())
        : NaN;
  return isFilterNumber(kind, value)
    ? { ok: true, value }
    : { ok: false, reason: `must be ${filterNumberDescription(kind)}` };
}
