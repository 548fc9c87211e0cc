import type { ServerResponse } from 'node:http';

/**
 * Writes an already serialized JSON body (history pages are assembled from the stored
 * documents as they are, never re-serialized). `no-store`: an answer about a live feed is stale
 * within seconds.
 */
export function writeJson(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(body);
}

/** Writes `value` as JSON. */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  writeJson(res, status, JSON.stringify(value), headers);
}

/** Writes a coded error, the shape every gateway error has: `{"error":{"code","message"}}`. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error: { code, message } }, headers);
}
