import type { ServerResponse } from 'node:http';
import { sendError } from '@secfeed/service-runtime';
import { HistoryError } from './history-error';

/** Writes `{"error":{"code","message"}}` with the status of the code (and `Allow` for a 405). */
export function writeHistoryError(
  res: ServerResponse,
  error: HistoryError,
): void {
  const headers: Record<string, string> =
    error.code === 'METHOD_NOT_ALLOWED' ? { allow: 'GET, HEAD' } : {};
  sendError(res, error.status, error.code, error.message, headers);
}
