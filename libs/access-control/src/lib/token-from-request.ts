import type { IncomingMessage } from 'node:http';

const BEARER = /^Bearer[ ]+(\S+)\s*$/i;

/**
 * The bearer token of a request: the `Authorization: Bearer <token>` header, else the `token`
 * query parameter (browsers cannot set headers on a WebSocket, so they use the query).
 * Returns `undefined` when neither is present or the header is not a bearer token.
 *
 * @example
 * ```ts
 * tokenFromRequest(req); // 'eyJhbGciOi...' for GET /ws?token=eyJhbGciOi...
 * ```
 */
export function tokenFromRequest(
  req: Pick<IncomingMessage, 'headers' | 'url'>,
): string | undefined {
  const header = req.headers.authorization;
  if (header !== undefined) {
    return BEARER.exec(header)?.[1];
  }
  const token = queryOf(req.url)?.get('token');
  return token ? token : undefined;
}

/** The query of a request target; never throws, whatever a client sent. */
function queryOf(target: string | undefined): URLSearchParams | undefined {
  const start = target?.indexOf('?') ?? -1;
  if (target === undefined || start < 0) return undefined;
  const end = target.indexOf('#', start);
  return new URLSearchParams(
    target.slice(start + 1, end < 0 ? undefined : end),
  );
}
