import type { ServerResponse } from 'node:http';
import { HistoryError } from './history-error';

/**
 * Writes an already serialized JSON body. History pages are assembled from the stored
 * documents as they are, so bodies arrive as strings, never re-serialized. `no-store`: a page
 * of a live feed is stale within seconds.
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

/** Writes `{"error":{"code","message"}}` with the status of the code. */
export function writeHistoryError(
  res: ServerResponse,
  error: HistoryError,
): void {
  const headers: Record<string, string> =
    error.code === 'METHOD_NOT_ALLOWED' ? { allow: 'GET, HEAD' } : {};
  const body = JSON.stringify({
    error: { code: error.code, message: error.message },
  });
  writeJson(res, error.status, body, headers);
}
