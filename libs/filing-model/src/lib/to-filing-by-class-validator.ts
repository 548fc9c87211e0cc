import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { accessionFromLinks } from './accession-from-links';
import { boundedCopy } from './bounded-copy';
import { toFieldErrors } from './field-error';
import { Filing } from './filing';
import { FILING_LIMITS } from './filing-limits';
import { isPlainObject } from './is-plain-object';
import type { FilingMeta, ToFilingResult } from './to-filing';

// The model is five levels deep (filing > series list > series > class list > class).
const COPY_LIMITS = { depth: 5, items: FILING_LIMITS.arrayItems + 1 };

/**
 * The reference implementation of `toFiling`: class-transformer builds the model from a
 * bounded copy of the input and class-validator checks it against the decorators of
 * {@link Filing}. It defines what is accepted, how it is normalized, and every refusal reason.
 *
 * `toFiling` only calls it when the fast path (`fastFiling`) declines an input, which in
 * practice means the input is refused. Internal: exported for `toFiling` and for the specs that
 * prove the fast path equivalent to it, never from the package index.
 */
export function toFilingByClassValidator(
  raw: unknown,
  meta: FilingMeta,
): ToFilingResult {
  if (!isPlainObject(raw)) {
    return { ok: false, reasons: [{ field: '', reason: 'must be an object' }] };
  }
  const plain = boundedCopy(raw, COPY_LIMITS) as Record<string, unknown>;
  // Old sec-api.io objects have no `accessionNo`: their links name it.
  plain['accessionNo'] ??= accessionFromLinks(plain);
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
