import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';
import { compose } from './wire-decorators';

/** Ten digits is the width EDGAR pads a CIK to; no CIK has more significant digits. */
const CANONICAL_CIK = /^[1-9]\d{0,9}$/;

/**
 * The canonical form of a CIK: digits with leading zeros stripped (`"0000320193"` → `"320193"`).
 * Anything else (non-digits, all zeros, more than ten significant digits, non-strings) comes
 * back unchanged so that validation can name the field and the problem.
 */
export function canonicalCik<T>(value: T): T | string {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) {
    return value;
  }
  const stripped = value.replace(/^0+/, '');
  return CANONICAL_CIK.test(stripped) ? stripped : value;
}

/** True when `value` is already a canonical CIK string. */
export function isCanonicalCik(value: unknown): value is string {
  return typeof value === 'string' && CANONICAL_CIK.test(value);
}

/** Normalizes then validates a CIK property; pair it with a WireString for type and length. */
export function WireCik(): PropertyDecorator {
  const transform = Transform(({ value }) => canonicalCik(value));
  const validate = Matches(CANONICAL_CIK, {
    message: 'must be digits (at most 10 significant, not all zeros)',
  });
  return compose(transform, validate);
}
