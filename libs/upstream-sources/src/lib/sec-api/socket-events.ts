import type { SocketEvent } from '@secfeed/stream-client';
import type { SourceEvent } from '../source-event';
import { frameEvents } from './frame-events';
import { scrubSecret } from './scrub-secret';

/**
 * The source events of one socket event: `connecting`, `open`, `closed` and `retry` become
 * `state` events; a frame becomes `filings` and/or `rejects` events (see {@link frameEvents}).
 * A connection that we ended or that failed (`closed` with a failure) also yields an `error`
 * event with the failure's code (`SILENCE_TIMEOUT`, `HANDSHAKE_FAILED`, `TRANSPORT_ERROR`), so
 * that a log line says why. Every string is scrubbed of `apiKey`.
 */
export function socketEvents(
  event: SocketEvent,
  receivedAt: () => string,
  apiKey: string,
): SourceEvent[] {
  switch (event.type) {
    case 'connecting':
      return [state({ state: 'connecting', attempt: event.attempt })];
    case 'open':
      return [state({ state: 'open' })];
    case 'retry':
      return [
        state({
          state: 'retry',
          attempt: event.attempt,
          delayMs: event.delayMs,
        }),
      ];
    case 'closed': {
      const reason = scrubSecret(event.reason, apiKey);
      const closed = state({
        state: 'closed',
        code: event.code,
        ...(reason ? { reason } : {}),
      });
      if (!event.failure) return [closed];
      const message = scrubSecret(event.failure.message, apiKey);
      return [closed, { kind: 'error', code: event.failure.code, message }];
    }
    case 'message':
      return frameEvents(event, receivedAt());
  }
}

function state(
  upstream: Extract<SourceEvent, { kind: 'state' }>['upstream'],
): SourceEvent {
  return { kind: 'state', upstream };
}
