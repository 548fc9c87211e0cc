import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { boundedCopy } from './bounded-copy';
import { FieldError, toFieldErrors } from './field-error';
import { Filing, FilingSource } from './filing';
import { FILING_LIMITS } from './filing-limits';

/** What the caller knows about a filing that the filing object itself does not carry. */
export interface FilingMeta {
  readonly source: FilingSource;
  /** ISO 8601 UTC, e.g. `new Date().toISOString()`. */
  readonly receivedAt: string;
}

/** The outcome of {@link toFiling}: a normalized filing, or every reason it was refused. */
export type ToFilingResult =
  | { readonly ok: true; readonly filing: Filing }
  | { readonly ok: false; readonly reasons: FieldError[] };

// The model is five levels deep (filing > series list > series > class list > class).
const COPY_LIMITS = { depth: 5, items: FILING_LIMITS.arrayItems + 1 };

/** True for a non-null, non-array object: the only thing a filing can be. */
export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates and normalizes one sec-api.io filing object (as parsed from JSON).
 *
 * Never throws on bad input: every problem comes back as a {@link FieldError} with a dotted
 * path, all of them at once. Synchronous, browser-safe, and safe on hostile input (deep
 * nesting, huge arrays). `meta` wins over any `source` or `receivedAt` found in `raw`, and
 * `filedAtMs` is always recomputed, so a stored filing can go through again unchanged.
 *
 * @example
 * ```ts
 * const result = toFiling(JSON.parse(text)[0], { source: 'sec-api', receivedAt: new Date().toISOString() });
 * if (!result.ok) log.warn({ reasons: result.reasons }, 'filing refused');
 * // result.reasons: [{ field: 'entities.0.cik', reason: 'must be digits (...)' }]
 * ```
 */
export function toFiling(raw: unknown, meta: FilingMeta): ToFilingResult {
  if (!isPlainObject(raw)) {
    return { ok: false, reasons: [{ field: '', reason: 'must be an object' }] };
  }
  const plain = boundedCopy(raw, COPY_LIMITS) as Record<string, unknown>;
  plain['source'] = meta.source;
  plain['receivedAt'] = meta.receivedAt;
  const filing = plainToInstance(Filing, plain, {
    excludeExtraneousValues: true,
    exposeUnsetFields: false,
  });
  const errors = validateSync(filing, {
    forbidUnknownValues: true,
    // One reason per field: "must be a string" says it all; its length does not matter then.
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });
  return errors.length === 0
    ? { ok: true, filing }
    : { ok: false, reasons: toFieldErrors(errors) };
}
