import type { Filing, FilingInsights } from '@secfeed/filing-model';
import { Observable } from 'rxjs';
import { isInsights, withInsights } from '../shared/filing-insights-of';
import { closeError, gatewayError, type UserError } from '../shared/user-error';
import { toWireFiling } from '../shared/wire-filing';
import type { WebSocketLike } from './websocket-factory';

/** What one socket session reports to the connection. */
export type SessionEvent =
  | {
      readonly type: 'subscribed';
      readonly position: string;
      readonly recovered: boolean;
    }
  | {
      readonly type: 'filing';
      readonly position: string;
      readonly filing: Filing;
    }
  | ({ readonly type: 'insights'; readonly position: string } & InsightsUpdate)
  | { readonly type: 'error'; readonly error: UserError };

/**
 * What a `sec_filing_insights` message says (contracts §6): the insights of one filing and,
 * when the message carries it, the filing itself with them attached (a subscription with
 * insight filters gets no `sec_filing` for it, only this).
 */
export interface InsightsUpdate {
  readonly accessionNo: string;
  readonly insights: FilingInsights;
  /** The filing with `insights` attached, or `null` when the message did not carry a usable one. */
  readonly filing: Filing | null;
}

/** The error code after which the gateway has dropped the subscription (docs/protocol.md). */
const DROPPED = 'HISTORY_UNAVAILABLE';

/** Why a session ended; carried on the error channel to the reconnect loop. */
export class SessionClosedError extends Error {
  constructor(
    /** Words for the user when the close means something, e.g. a 4xxx code. */
    readonly userError: UserError | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'SessionClosedError';
  }
}

/** What a session needs: the socket, what to send on open, and the heartbeat timing. */
export interface SessionSetup {
  readonly open: () => WebSocketLike;
  /** The subscribe message for this session (with `since` when resuming). */
  readonly subscribeMessage: () => object;
  readonly pingIntervalMs: number;
  readonly pongTimeoutMs: number;
}

/**
 * One WebSocket session as an Observable: subscribes on open, pings every `pingIntervalMs`
 * and errors with {@link SessionClosedError} when the socket closes or a pong is missing.
 * Unsubscribing closes the socket (code 1000).
 */
export function feedSession(setup: SessionSetup): Observable<SessionEvent> {
  return new Observable<SessionEvent>((subscriber) => {
    const socket = setup.open();
    let pingTimer: ReturnType<typeof setInterval> | undefined;
    let pongTimer: ReturnType<typeof setTimeout> | undefined;
    const fail = (error: SessionClosedError) => subscriber.error(error);
    const send = (message: object) => socket.send(JSON.stringify(message));

    const ping = () => {
      send({ action: 'ping' });
      pongTimer ??= setTimeout(
        () =>
          fail(new SessionClosedError(undefined, 'no pong from the gateway')),
        setup.pongTimeoutMs,
      );
    };
    socket.onopen = () => {
      send(setup.subscribeMessage());
      pingTimer = setInterval(ping, setup.pingIntervalMs);
    };
    socket.onmessage = (event) => {
      const message = parse(event.data);
      if (message?.['type'] === 'pong') {
        clearTimeout(pongTimer);
        pongTimer = undefined;
        return;
      }
      const sessionEvent = message && toSessionEvent(message);
      if (
        sessionEvent?.type === 'error' &&
        sessionEvent.error.code === DROPPED
      ) {
        // The gateway dropped the subscription: end the session, so the reconnect loop backs
        // off and resumes with `since`.
        fail(
          new SessionClosedError(sessionEvent.error, 'subscription dropped'),
        );
      } else if (sessionEvent) {
        subscriber.next(sessionEvent);
      }
    };
    socket.onclose = (event) =>
      fail(
        new SessionClosedError(
          closeError(event.code),
          `socket closed (${event.code})`,
        ),
      );
    return () => {
      clearInterval(pingTimer);
      clearTimeout(pongTimer);
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
      if (socket.readyState < 2) socket.close(1000, 'client closed');
    };
  });
}

function parse(data: unknown): Record<string, unknown> | null {
  if (typeof data !== 'string') return null;
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function toSessionEvent(message: Record<string, unknown>): SessionEvent | null {
  const position = message['position'];
  switch (message['type']) {
    case 'subscribed':
      return typeof position === 'string'
        ? {
            type: 'subscribed',
            position,
            recovered: message['recovered'] !== false,
          }
        : null;
    case 'sec_filing': {
      const filing = toWireFiling(message['data']);
      return filing && typeof position === 'string'
        ? { type: 'filing', position, filing }
        : null;
    }
    case 'sec_filing_insights':
      return toInsightsEvent(message);
    case 'error':
      return {
        type: 'error',
        error: gatewayError(
          String(message['code'] ?? 'UNKNOWN'),
          typeof message['message'] === 'string'
            ? message['message']
            : undefined,
        ),
      };
    default:
      return null;
  }
}

function toInsightsEvent(
  message: Record<string, unknown>,
): SessionEvent | null {
  const { position, accessionNo, insights } = message;
  if (
    typeof position !== 'string' ||
    typeof accessionNo !== 'string' ||
    !isInsights(insights)
  ) {
    return null;
  }
  const carried =
    message['filing'] === undefined ? null : toWireFiling(message['filing']);
  const filing =
    carried?.accessionNo === accessionNo
      ? withInsights(carried, insights)
      : null;
  return { type: 'insights', position, accessionNo, insights, filing };
}
