/** The environment variable that holds the key prefix (contracts §5). */
export const KEY_PREFIX_ENV = 'SECFEED_KEY_PREFIX';

/** Longest accepted key prefix; it appears twice in every key. */
export const MAX_KEY_PREFIX_LENGTH = 64;

/**
 * Why `prefix` cannot be a key prefix, or `undefined` when it can: printable ASCII without
 * spaces or braces (a brace would break the hash tag the prefix is copied into), at most
 * {@link MAX_KEY_PREFIX_LENGTH} characters. The empty string means "no prefix".
 */
export function keyPrefixProblem(prefix: string): string | undefined {
  if (typeof prefix !== 'string') return 'must be a string';
  if (prefix.length > MAX_KEY_PREFIX_LENGTH) {
    return `must be at most ${MAX_KEY_PREFIX_LENGTH} characters`;
  }
  if (!/^[\x21-\x7e]*$/.test(prefix))
    return 'must be printable ASCII without spaces';
  if (/[{}]/.test(prefix)) return 'must not contain "{" or "}"';
  return undefined;
}

/**
 * Reads and validates the key prefix from the environment; unset or empty means no prefix.
 *
 * @param env - usually `process.env`.
 * @throws Error naming `SECFEED_KEY_PREFIX` when the value is not a valid prefix.
 * @example
 * const keys = createRedisKeys(keyPrefixFromEnv(process.env));
 */
export function keyPrefixFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): string {
  const value = env[KEY_PREFIX_ENV] ?? '';
  const problem = keyPrefixProblem(value);
  if (problem !== undefined) {
    throw new Error(
      `${KEY_PREFIX_ENV} ${problem} (got ${JSON.stringify(value)})`,
    );
  }
  return value;
}
