/**
 * What every benchmark script reads and prints the same way: integer knobs from the
 * environment, figures for people, rounded figures for the JSON line.
 */

/** A whole-number knob from the environment; `fallback` when unset or empty. */
export function intEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number >= ${min}, got "${raw}"`);
  }
  return value;
}

/** `value` with thousands separators and exactly `digits` decimals (`NaN` as is). */
export const fmt = (value: number, digits = 0): string =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      })
    : String(value);

export const verdict = (met: boolean): string => (met ? 'MET' : 'MISSED');

/** Rounded for the JSON line; a value that is not finite stays as is (JSON prints `null`). */
export const round = (value: number, digits = 3): number =>
  Number.isFinite(value) ? Number(value.toFixed(digits)) : value;
