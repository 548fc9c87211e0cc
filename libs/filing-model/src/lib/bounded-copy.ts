/** How far {@link boundedCopy} descends and how many array entries it keeps. */
export interface BoundedCopyLimits {
  /** Containers nested deeper than this are replaced by an empty container of the same kind. */
  readonly depth: number;
  /** Arrays keep at most this many entries; pass the cap plus one so the cap still trips. */
  readonly items: number;
}

/**
 * A copy of JSON-like `value` that is safe to hand to class-transformer and class-validator.
 *
 * Both libraries recurse into whatever they are given, so 100,000 nested arrays in a field
 * would overflow the stack. The filing model is at most five levels deep; anything deeper is
 * junk and only needs to stay the right kind (`[]` or `{}`) for validation to name it. Long
 * arrays are cut just past their cap so that validating a million entries costs nothing.
 * `__proto__` keys (JSON.parse makes them own properties) are skipped, never assigned.
 */
export function boundedCopy(
  value: unknown,
  limits: BoundedCopyLimits,
): unknown {
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (limits.depth <= 0) {
    return Array.isArray(value) ? [] : {};
  }
  const inner = { depth: limits.depth - 1, items: limits.items };
  if (Array.isArray(value)) {
    const length = Math.min(value.length, limits.items);
    const out: unknown[] = new Array(length);
    for (let i = 0; i < length; i++) {
      out[i] = boundedCopy(value[i], inner);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key !== '__proto__') {
      out[key] = boundedCopy((value as Record<string, unknown>)[key], inner);
    }
  }
  return out;
}
