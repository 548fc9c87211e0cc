import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { boundedCopy } from './bounded-copy';
import { FieldError, toFieldErrors } from './field-error';
import { FilingFilters, MAX_FILTER_VALUES } from './filing-filters';
import { NormalizedFilters } from './normalized-filters';
import { isPlainObject } from './is-plain-object';

/**
 * The code of each insight filter's refusals; REST's query parameters of the same name answer
 * with the same codes (`item` and `transactionCode` being the singular of a list).
 */
export const INSIGHT_FILTER_CODES = Object.freeze({
  items: 'INVALID_ITEM',
  transactionCodes: 'INVALID_TRANSACTION_CODE',
  minTransactionValue: 'INVALID_MIN_TRANSACTION_VALUE',
  tenb51: 'INVALID_TENB51',
  minStakePercent: 'INVALID_MIN_STAKE_PERCENT',
} as const);

/** The code of an insight filter's refusal. */
export type InsightFilterErrorCode =
  (typeof INSIGHT_FILTER_CODES)[keyof typeof INSIGHT_FILTER_CODES];

/**
 * Why filters were refused: a list above {@link MAX_FILTER_VALUES}, an insight filter's own
 * code ({@link INSIGHT_FILTER_CODES}), or `INVALID_FILTERS` for anything else.
 */
export type FilterErrorCode =
  'TOO_MANY_VALUES' | 'INVALID_FILTERS' | InsightFilterErrorCode;

export type ParseFilingFiltersResult =
  | { readonly ok: true; readonly filters: NormalizedFilters }
  | {
      readonly ok: false;
      readonly code: FilterErrorCode;
      readonly reasons: FieldError[];
    };

const KNOWN_KEYS = [
  'tickers',
  'ciks',
  'formTypes',
  'includeAmendments',
  ...Object.keys(INSIGHT_FILTER_CODES),
];

// Filters are one level of lists; cutting lists just past the cap keeps a flood cheap to refuse.
const COPY_LIMITS = { depth: 2, items: MAX_FILTER_VALUES + 1 };

/**
 * Validates the `filters` of a subscription and normalizes them for {@link matchesFilters}.
 *
 * `undefined` or `null` means no filters (every filing matches). Unknown keys are refused
 * (`{"ticker": [...]}` is a typo that would otherwise match everything). The code is
 * `TOO_MANY_VALUES` when a list is above {@link MAX_FILTER_VALUES}; otherwise that of the first
 * field refused, in the order tickers, ciks, formTypes, includeAmendments, items,
 * transactionCodes, minTransactionValue, tenb51, minStakePercent, unknown keys:
 * `INVALID_FILTERS` for the first four and unknown keys, the insight filter's own code
 * ({@link INSIGHT_FILTER_CODES}) for the others. `reasons` name each field. Never throws; safe
 * on hostile input.
 *
 * @example
 * ```ts
 * const parsed = parseFilingFilters({ tickers: ['aapl'], formTypes: ['10-K'] });
 * if (!parsed.ok) return send({ type: 'error', code: parsed.code, message: parsed.reasons[0].reason });
 * parsed.filters.tickers.has('AAPL'); // true
 * ```
 */
export function parseFilingFilters(raw: unknown): ParseFilingFiltersResult {
  if (raw === undefined || raw === null) {
    return { ok: true, filters: normalize(new FilingFilters()) };
  }
  if (!isPlainObject(raw)) {
    return {
      ok: false,
      code: 'INVALID_FILTERS',
      reasons: [{ field: '', reason: 'must be an object' }],
    };
  }
  const unknown: FieldError[] = Object.keys(raw)
    .filter((key) => !KNOWN_KEYS.includes(key))
    .map((field) => ({
      field,
      reason: `is not a filter; use ${KNOWN_KEYS.join(', ')}`,
    }));
  const filters = plainToInstance(
    FilingFilters,
    boundedCopy(raw, COPY_LIMITS),
    {
      excludeExtraneousValues: true,
      exposeUnsetFields: false,
    },
  );
  const errors = validateSync(filters, {
    forbidUnknownValues: true,
    stopAtFirstError: true,
  });
  if (errors.length === 0 && unknown.length === 0) {
    return { ok: true, filters: normalize(filters) };
  }
  const tooMany = errors.some(
    (error) => error.constraints?.['arrayMaxSize'] !== undefined,
  );
  const reasons = [...toFieldErrors(errors), ...unknown];
  return {
    ok: false,
    code: tooMany ? 'TOO_MANY_VALUES' : codeOf(reasons[0].field),
    reasons,
  };
}

function codeOf(field: string): FilterErrorCode {
  const root = field.split('.')[0];
  return Object.hasOwn(INSIGHT_FILTER_CODES, root)
    ? INSIGHT_FILTER_CODES[root as keyof typeof INSIGHT_FILTER_CODES]
    : 'INVALID_FILTERS';
}

function normalize(filters: FilingFilters): NormalizedFilters {
  const { items, transactionCodes } = filters;
  return {
    tickers: new Set(filters.tickers),
    ciks: new Set(filters.ciks),
    formTypes: new Set(filters.formTypes),
    includeAmendments: filters.includeAmendments ?? true,
    // Absent rather than empty, so filters without insights look as they always did.
    items: items?.length ? new Set(items) : undefined,
    transactionCodes: transactionCodes?.length
      ? new Set(transactionCodes)
      : undefined,
    minTransactionValue: filters.minTransactionValue ?? undefined,
    tenb51: filters.tenb51 ?? undefined,
    minStakePercent: filters.minStakePercent ?? undefined,
  };
}
