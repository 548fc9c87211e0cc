import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { boundedCopy } from './bounded-copy';
import { FieldError, toFieldErrors } from './field-error';
import { FilingFilters, MAX_FILTER_VALUES } from './filing-filters';
import { NormalizedFilters } from './normalized-filters';
import { isPlainObject } from './is-plain-object';

/** Why filters were refused: a list above {@link MAX_FILTER_VALUES}, or anything else. */
export type FilterErrorCode = 'TOO_MANY_VALUES' | 'INVALID_FILTERS';

export type ParseFilingFiltersResult =
  | { readonly ok: true; readonly filters: NormalizedFilters }
  | {
      readonly ok: false;
      readonly code: FilterErrorCode;
      readonly reasons: FieldError[];
    };

const KNOWN_KEYS = ['tickers', 'ciks', 'formTypes', 'includeAmendments'];

// Filters are one level of lists; cutting lists just past the cap keeps a flood cheap to refuse.
const COPY_LIMITS = { depth: 2, items: MAX_FILTER_VALUES + 1 };

/**
 * Validates the `filters` of a subscription and normalizes them for {@link matchesFilters}.
 *
 * `undefined` or `null` means no filters (every filing matches). Unknown keys are refused
 * (`{"ticker": [...]}` is a typo that would otherwise match everything). The code is
 * `TOO_MANY_VALUES` when a list is above {@link MAX_FILTER_VALUES}, `INVALID_FILTERS` for any
 * other problem; `reasons` name each field. Never throws; safe on hostile input.
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
  return {
    ok: false,
    code: tooMany ? 'TOO_MANY_VALUES' : 'INVALID_FILTERS',
    reasons: [...toFieldErrors(errors), ...unknown],
  };
}

function normalize(filters: FilingFilters): NormalizedFilters {
  return {
    tickers: new Set(filters.tickers),
    ciks: new Set(filters.ciks),
    formTypes: new Set(filters.formTypes),
    includeAmendments: filters.includeAmendments ?? true,
  };
}
