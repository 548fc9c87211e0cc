import { parseRequestTarget } from '@secfeed/service-runtime';

/** Query parameters whose values never reach a log line or an error message. */
const SECRET_PARAMETERS = new Set(['token']);

/**
 * `url` with the value of each `token` query parameter replaced by `[redacted]` (a browser's
 * WebSocket and REST calls carry their JWT there), for log lines and error messages. Only the
 * path is kept of a target that does not parse.
 *
 * @example
 * ```ts
 * redactUrl('/api/filings?token=eyJ...&limit=5'); // '/api/filings?token=[redacted]&limit=5'
 * ```
 */
export function redactUrl(url: string | undefined): string {
  const raw = url ?? '/';
  const mark = raw.indexOf('?');
  if (mark < 0) return raw;
  const target = parseRequestTarget(raw);
  if (target === undefined) return raw.slice(0, mark);
  const parts = target.search
    .split('&')
    .map((part) =>
      SECRET_PARAMETERS.has(decodeName(part.split('=')[0]))
        ? `${part.split('=')[0]}=[redacted]`
        : part,
    );
  return `${raw.slice(0, mark)}?${parts.join('&')}`;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}
