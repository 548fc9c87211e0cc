import { ValidateBy, ValidationOptions } from 'class-validator';

// Date.parse alone is too forgiving: V8 rolls 2021-02-30 over into March and takes hour 24.
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * Epoch milliseconds of an ISO 8601 date-time that carries its offset (`Z` or `±hh:mm`), or
 * `undefined` when the text is not one or names a day that does not exist.
 */
export function parseIsoDateTime(text: unknown): number | undefined {
  if (typeof text !== 'string' || text.length > 40) {
    return undefined;
  }
  const match = ISO_WITH_OFFSET.exec(text);
  if (!match) {
    return undefined;
  }
  const [year, month, day] = [
    Number(match[1]),
    Number(match[2]),
    Number(match[3]),
  ];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
    return undefined;
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Validates an ISO 8601 date-time with offset; `utc` demands the `Z` form. */
export function IsIsoDateTime(
  utc: boolean,
  options: ValidationOptions = {},
): PropertyDecorator {
  const message = utc
    ? 'must be an ISO 8601 UTC date-time like 2025-10-31T10:01:26.000Z'
    : 'must be an ISO 8601 date-time with offset like 2025-10-31T06:01:26-04:00';
  return ValidateBy(
    {
      name: utc ? 'isIsoDateTimeUtc' : 'isIsoDateTime',
      validator: {
        validate: (value: unknown) =>
          parseIsoDateTime(value) !== undefined &&
          (!utc || String(value).endsWith('Z')),
      },
    },
    { message, ...options },
  );
}
