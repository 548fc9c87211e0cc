const MASK = '***';

/**
 * Masks every query value and any password of a URL, keeping the names so logs stay useful:
 * `wss://stream.sec-api.io?apiKey=KEY` becomes `wss://stream.sec-api.io/?apiKey=***`. A string
 * that is not a URL is replaced whole, since it cannot be told apart from a secret.
 *
 * @example
 * ```ts
 * log.info({ url: redactUrl(config.streamUrl) }, 'connecting');
 * ```
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '[invalid url]';
  }
  const names = [...new Set(parsed.searchParams.keys())];
  const query = names.length
    ? `?${names.map((name) => `${encodeURIComponent(name)}=${MASK}`).join('&')}`
    : '';
  const user = parsed.username
    ? `${parsed.username}${parsed.password ? `:${MASK}` : ''}@`
    : '';
  return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}${query}`;
}

/**
 * Replaces the secret parts of `url` (query values, password, and the URL itself) wherever they
 * appear in `text`, for error messages produced by lower layers that might echo the URL.
 */
export function scrubUrlSecrets(text: string, url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const secrets = [
    url,
    ...(parsed ? [...parsed.searchParams.values(), parsed.password] : []),
  ]
    .filter((secret) => secret.length >= 3)
    .flatMap((secret) => [secret, encodeURIComponent(secret)]);
  return secrets.reduce((acc, secret) => acc.split(secret).join(MASK), text);
}
