/**
 * Stream positions (Redis stream entry IDs, `<ms>-<seq>`): validation, order and time.
 * Positions are compared as numbers, never as strings (`9-0` < `10-0`).
 */

const POSITION = /^(\d{1,20})-(\d{1,20})$/;
const MAX_PART = (1n << 64n) - 1n;

/** The position of an empty stream, before every entry. */
export const ZERO_POSITION = '0-0';

/**
 * The canonical form of a client-sent position (`"0017-03"` gives `"17-3"`), or `undefined`
 * when it is not `<ms>-<seq>` with both parts unsigned 64-bit integers.
 */
export function parsePosition(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = POSITION.exec(value);
  if (!match) return undefined;
  const ms = BigInt(match[1]);
  const seq = BigInt(match[2]);
  if (ms > MAX_PART || seq > MAX_PART) return undefined;
  return `${ms}-${seq}`;
}

/** Negative, zero or positive as `a` is before, equal to or after `b` (canonical positions). */
export function comparePositions(a: string, b: string): number {
  const dashA = a.indexOf('-');
  const dashB = b.indexOf('-');
  return (
    compareDigits(a.slice(0, dashA), b.slice(0, dashB)) ||
    compareDigits(a.slice(dashA + 1), b.slice(dashB + 1))
  );
}

/** The later of two positions. */
export function maxPosition(a: string, b: string): string {
  return comparePositions(a, b) >= 0 ? a : b;
}

/** The wall-clock time Redis stamped on an entry (the `<ms>` part). */
export function positionTimeMs(position: string): number {
  return Number(position.slice(0, position.indexOf('-')));
}

// Canonical digit strings have no leading zeros, so the longer one is larger.
function compareDigits(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
