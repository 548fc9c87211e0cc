import { type Observable } from 'rxjs';
import { reconnectLoop } from '@secfeed/reconnect-policy';
import type { SocketEvent } from './socket-event';
import {
  resolveSocketOptions,
  type ReconnectingSocketOptions,
} from './socket-options';
import { socketSession } from './socket-session';

/**
 * A WebSocket client that never gives up (unless `maxAttempts` says so): each subscription
 * opens its own connection and, whenever it closes, fails to open, or goes silent for
 * `silenceTimeoutMs`, emits `closed`, then `retry` with the backoff delay, then reconnects.
 * Transport failures are events, not errors; the Observable errors only with a
 * `RetryExhaustedError` after `maxAttempts`. Unsubscribing closes the socket and clears every
 * timer. The URL (and its API key) never appears in an event.
 *
 * There is no replay: frames sent while disconnected are lost; fill gaps from another source.
 *
 * @throws TypeError or RangeError synchronously for invalid options.
 *
 * @example
 * ```ts
 * reconnectingSocket({ url: `wss://stream.sec-api.io?apiKey=${key}` }).subscribe((event) => {
 *   if (event.type === 'message' && !event.binary) handleFilings(JSON.parse(event.data));
 *   if (event.type === 'closed') log.warn({ code: event.code, failure: event.failure }, 'stream closed');
 * });
 * ```
 */
export function reconnectingSocket(
  options: ReconnectingSocketOptions,
): Observable<SocketEvent> {
  const resolved = resolveSocketOptions(options);
  return reconnectLoop((failures) => socketSession(resolved, failures + 1), {
    policy: resolved.retry,
    maxAttempts: resolved.maxAttempts,
    scheduler: resolved.scheduler,
    isConnected: (event) => event.type === 'open',
  });
}
