import { canonicalCik, isCanonicalCik } from './cik';
import { isPlainObject } from './is-plain-object';

/**
 * The value checks of the fast path (`fastFiling`). Each one returns the value as the
 * slow path (class-transformer + class-validator) would store it, or calls {@link decline} when
 * the value is not plainly valid. Declining is never a verdict: it only means "let the slow path
 * decide", so every check here may be stricter than its decorator, never looser.
 *
 * Where a check is deliberately stricter:
 * - lengths compare UTF-16 units (`value.length`), while class-validator's `MaxLength` counts a
 *   surrogate pair or a variation-selector sequence as one character. A string within the cap
 *   in UTF-16 units is within it for `MaxLength` too; a longer one is left to the slow path.
 * - only primitive strings pass (class-validator's `IsString` also takes `String` objects, which
 *   the bounded copy turns into plain objects anyway).
 */

/** A wire object as the slow path's bounded copy sees it. */
export type WireObject = Record<string, unknown>;

/** Thrown (never escapes the fast path) when an input is not plainly valid. */
class FastPathDeclined {}

const DECLINED = new FastPathDeclined();

/** Leaves this input to the slow path. Throws a preallocated marker: no stack trace is built. */
export function decline(): never {
  throw DECLINED;
}

/**
 * Runs `build`, returning `undefined` if it declined. Other errors (a throwing getter on a
 * non-JSON input) propagate, as they would from the slow path's bounded copy.
 */
export function unlessDeclined<T>(build: () => T): T | undefined {
  try {
    return build();
  } catch (error) {
    if (error === DECLINED) {
      return undefined;
    }
    throw error;
  }
}

/** Absent or null reads as absent, as `@IsOptional` plus the null-to-undefined transform do. */
function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/** A string of at most `max` UTF-16 units (`@WireString(max)`). */
export function requiredString(value: unknown, max: number): string {
  return typeof value === 'string' && value.length <= max ? value : decline();
}

/** Like {@link requiredString}, and not empty (`@IsNotEmpty` above `@WireString`). */
export function nonEmptyString(value: unknown, max: number): string {
  const text = requiredString(value, max);
  return text !== '' ? text : decline();
}

/** `undefined` when absent or null, else as {@link requiredString} (`@WireString(max, { optional })`). */
export function optionalString(
  value: unknown,
  max: number,
): string | undefined {
  return isAbsent(value) ? undefined : requiredString(value, max);
}

/** A CIK, returned without leading zeros (`@WireCik` over `@WireString`). */
export function requiredCik(value: unknown): string {
  const cik = canonicalCik(value);
  return isCanonicalCik(cik) ? cik : decline();
}

/** `undefined` when absent or null, else as {@link requiredCik}. */
export function optionalCik(value: unknown): string | undefined {
  return isAbsent(value) ? undefined : requiredCik(value);
}

/**
 * A new array of strings, at most `maxItems` of them and each at most `maxLength` units;
 * `undefined` when absent or null (`@WireStringArray(..., { optional })`).
 */
export function optionalStringArray(
  value: unknown,
  maxItems: number,
  maxLength: number,
): string[] | undefined {
  if (isAbsent(value)) {
    return undefined;
  }
  if (!Array.isArray(value) || value.length > maxItems) {
    return decline();
  }
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    out.push(requiredString(value[i], maxLength));
  }
  return out;
}

/**
 * A new array of nested models, each built by `build` from an object entry; `[]` when absent
 * or null (`@WireObjectArray`). Entries that are not objects (null, arrays, scalars, holes)
 * decline. Output arrays are always plain, like class-transformer's, even for array subclasses.
 */
export function objectArray<T>(
  value: unknown,
  maxItems: number,
  build: (entry: WireObject) => T,
): T[] {
  if (isAbsent(value)) {
    return [];
  }
  if (!Array.isArray(value) || value.length > maxItems) {
    return decline();
  }
  const out: T[] = [];
  for (let i = 0; i < value.length; i++) {
    const entry: unknown = value[i];
    out.push(isPlainObject(entry) ? build(entry) : decline());
  }
  return out;
}
