const MASK = '***';

/**
 * Replaces every occurrence of `secret` (as is and URL-encoded) in `text` with `***`.
 *
 * Lower layers (fetch, ws, a server's close reason or error body) may echo the request URL or
 * headers; every string this source emits goes through here first, so the API key cannot leak
 * into logs, metrics or the dead-letter stream.
 *
 * @example
 * ```ts
 * scrubSecret('401 for /?apiKey=k-123', 'k-123'); // '401 for /?apiKey=***'
 * ```
 */
export function scrubSecret(text: string, secret: string): string {
  if (secret.length === 0) return text;
  const forms = [...new Set([secret, encodeURIComponent(secret)])];
  return forms.reduce((acc, form) => acc.split(form).join(MASK), text);
}
