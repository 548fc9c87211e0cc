import { fastFiling } from './fast-filing';
import { FieldError } from './field-error';
import { Filing, FilingSource } from './filing';
import { isPlainObject } from './is-plain-object';
import { toFilingByClassValidator } from './to-filing-by-class-validator';

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

/**
 * Validates and normalizes one sec-api.io filing object (as parsed from JSON).
 *
 * Never throws on bad input: every problem comes back as a {@link FieldError} with a dotted
 * path, all of them at once. Synchronous, browser-safe, and safe on hostile input (deep
 * nesting, huge arrays). `meta` wins over any `source` or `receivedAt` found in `raw`, and
 * `filedAtMs` and `filingDate` are always recomputed, so a stored filing can go through again
 * unchanged. An object without `accessionNo` (old sec-api.io objects) takes it from its links.
 *
 * Two paths, one behaviour: plain checks ({@link fastFiling}) take every plainly valid filing
 * in a few microseconds; anything they decline goes to the class-validator model
 * ({@link toFilingByClassValidator}), which has the final word and writes every refusal.
 *
 * @example
 * ```ts
 * const result = toFiling(JSON.parse(text)[0], { source: 'sec-api', receivedAt: new Date().toISOString() });
 * if (!result.ok) log.warn({ reasons: result.reasons }, 'filing refused');
 * // result.reasons: [{ field: 'entities.0.cik', reason: 'must be digits (...)' }]
 * ```
 */
export function toFiling(raw: unknown, meta: FilingMeta): ToFilingResult {
  const filing = isPlainObject(raw) ? fastFiling(raw, meta) : undefined;
  return filing ? { ok: true, filing } : toFilingByClassValidator(raw, meta);
}
