/** True for a non-null, non-array object: the only thing a filing (or a filters object) can be. */
export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
