import type { IncomingMessage } from 'node:http';
import { parseRequestTarget } from '../http/request-target';

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
  const token = parseRequestTarget(req.url)?.searchParams.get('token');
  return token ? token : undefined;
}
