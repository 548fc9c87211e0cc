/**
 * "Name email@domain": at least one word before an address with a dotted domain. The SEC's
 * fair-access policy asks for a declared company (or person) and a contact address; requests
 * without one are refused, and a malformed one is a deployment mistake worth failing fast on.
 */
const USER_AGENT = /^[^\s@][^\r\n]*\s[^\s@]+@[^\s@]+\.[^\s@.]+$/;

/**
 * Checks the `User-Agent` that every EDGAR request must carry (contracts §2) and returns it
 * trimmed. The service's configuration reuses it for `SEC_USER_AGENT`.
 *
 * @throws Error naming `SEC_USER_AGENT` when the value is missing, empty, not a string, holds a
 *   line break, or is not of the form `Company Name admin@company.example`.
 *
 * @example
 * ```ts
 * validateUserAgent('Acme Research ops@acme.example'); // 'Acme Research ops@acme.example'
 * validateUserAgent('curl/8.0'); // throws: SEC_USER_AGENT must look like ...
 * ```
 */
export function validateUserAgent(value: unknown): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (!USER_AGENT.test(trimmed)) {
    const got =
      typeof value === 'string' ? JSON.stringify(value) : String(value);
    throw new Error(
      `SEC_USER_AGENT must look like "Company Name admin@company.example" (SEC fair access), got ${got}`,
    );
  }
  return trimmed;
}
