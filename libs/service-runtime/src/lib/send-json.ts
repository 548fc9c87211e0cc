import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { chooseEncoding } from './choose-encoding';
import { compressAnswer } from './compress-answer';

/** Below this a compressed body saves less than its headers cost (the whole answer fits a packet). */
export const MIN_COMPRESS_BYTES = 1024;

/**
 * Writes an already serialized JSON body (history pages are assembled from the stored
 * documents as they are, never re-serialized). `no-store`: an answer about a live feed is stale
 * within seconds.
 *
 * A body of {@link MIN_COMPRESS_BYTES} or more goes out Brotli- or gzip-compressed when the
 * request's `Accept-Encoding` allows it (`chooseEncoding`), with the compressed length as
 * `Content-Length`; a HEAD gets the headers its GET would get. Every answer carries
 * `Vary: Accept-Encoding` (added to a `Vary` already set, e.g. `origin`), as the same URL may be
 * answered either way. Nothing is written when the response's headers are already sent or it is
 * destroyed. Resolves once the answer is handed to the socket; never rejects (should zlib fail,
 * the body goes out uncompressed).
 */
export function writeJson(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): Promise<void> {
  const plain = Buffer.from(body);
  const base: OutgoingHttpHeaders = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
    vary: withAcceptEncoding([res.getHeader('vary'), headers['vary']]),
  };
  const encoding =
    plain.length >= MIN_COMPRESS_BYTES
      ? chooseEncoding(res.req.headers['accept-encoding'])
      : undefined;
  if (encoding === undefined) {
    send(res, status, base, plain);
    return Promise.resolve();
  }
  return compressAnswer(plain, encoding).then(
    (compressed) =>
      send(res, status, { ...base, 'content-encoding': encoding }, compressed),
    () => send(res, status, base, plain),
  );
}

/**
 * Writes `value` as JSON (a small answer, or one whose write nobody waits for). `undefined` is
 * an answer without a body (a 204): no `Content-Type`, no `Content-Length`, nothing written
 * after the headers.
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  if (value === undefined) {
    send(res, status, { 'cache-control': 'no-store', ...headers });
    return;
  }
  void writeJson(res, status, JSON.stringify(value), headers);
}

/**
 * Writes a coded error, the shape every error of ours has: `{"error":{"code","message"}}`, with
 * the fields of `extra` beside them (e.g. the `field` a refused alert rule names).
 */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): void {
  sendJson(res, status, { error: { code, message, ...extra } }, headers);
}

/**
 * Node sends no body for a HEAD, but keeps the `Content-Length` its GET would have. Without a
 * `body` only the headers go out.
 */
function send(
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  body?: Buffer,
): void {
  // The client may have gone while the body was being compressed, or an answer already began.
  if (res.destroyed || res.headersSent) return;
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, { ...headers, 'content-length': body.length });
  res.end(body);
}

/** `Vary` naming `accept-encoding`, keeping what the response or the caller already named. */
function withAcceptEncoding(
  values: readonly (number | string | readonly string[] | undefined)[],
): string {
  const named = values
    .flat()
    .filter((value) => value !== undefined)
    .join(',')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  return named.some((name) => name.toLowerCase() === 'accept-encoding')
    ? named.join(', ')
    : [...named, 'accept-encoding'].join(', ');
}
