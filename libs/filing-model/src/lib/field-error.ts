import { ValidationError } from 'class-validator';

/**
 * Why one field of an input was refused.
 *
 * `field` is a dotted path from the root of the input (`entities.0.cik`, `formTypes.3`); an
 * empty string means the input as a whole. `reason` is a short English phrase without the
 * field name, e.g. `must be a string`.
 */
export interface FieldError {
  readonly field: string;
  readonly reason: string;
}

/**
 * Flattens class-validator's error tree into field errors, one per failed constraint.
 * The tree is as deep as the model (a handful of levels), so recursion is safe here.
 */
export function toFieldErrors(
  errors: readonly ValidationError[],
  prefix = '',
): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const reason of Object.values(error.constraints ?? {})) {
      out.push({ field, reason });
    }
    out.push(...toFieldErrors(error.children ?? [], field));
  }
  return out;
}
