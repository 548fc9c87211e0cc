import type { RuleError } from './rule-errors';

/** Thrown inside the rule parsers and turned into a result by `parseAlertRule`; never escapes. */
export class Refusal extends Error {
  constructor(readonly error: RuleError) {
    super(error.message);
  }
}

/** Refuses the rule with a code, the field at fault and a message for people. */
export const refuse = (
  code: RuleError['code'],
  field: string,
  message: string,
): never => {
  throw new Refusal({ code, field, message });
};

/** `value` as a JSON object, or refused with `code`. */
export function asObject(
  value: unknown,
  field: string,
  code: RuleError['code'],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    refuse(code, field, `${field || 'the rule'} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}
