import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { checkAccess } from '@secfeed/access-control';
import { requestPath } from '@secfeed/service-runtime';
import type { RealtimeConfig } from './realtime-config';
import { REFUSAL_CODES } from './protocol-codes';

/** Path of the WebSocket endpoint (contracts.md §3). */
export const WEBSOCKET_PATH = '/ws';

/** Why an upgrade was refused: the HTTP status and the body's error code. */
export interface UpgradeRefusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

export type UpgradeDecision =
  | { readonly ok: true; readonly claims?: Record<string, unknown> }
  | { readonly ok: false; readonly refusal: UpgradeRefusal };

/** What the gate needs to know about the gateway right now. */
export interface UpgradeGateState {
  readonly config: Pick<
    RealtimeConfig,
    'authSecret' | 'allowedOrigins' | 'maxConnections' | 'maxConnectionsPerIp'
  >;
  readonly connections: number;
  /** Open connections from the request's client address. */
  readonly connectionsFromAddress: number;
  readonly closing: boolean;
}

/**
 * Decides an upgrade before any WebSocket exists, so a refused client costs one HTTP answer:
 * 404 off `/ws`, 503 while shutting down or at `maxConnections`, 429 when the client's address
 * has `maxConnectionsPerIp` open (0: no such cap), then the access check `/api` shares
 * ({@link checkAccess}: 403 `ORIGIN_FORBIDDEN`, 401 without a valid JWT). Refusing before the
 * upgrade (not accepting and then closing with 4001) lets a browser tell "unauthorized" from
 * "network down".
 */
export function checkUpgrade(
  req: IncomingMessage,
  state: UpgradeGateState,
): UpgradeDecision {
  const { config } = state;
  if (requestPath(req.url) !== WEBSOCKET_PATH)
    return refuse(404, REFUSAL_CODES.NOT_FOUND, 'the WebSocket is at /ws');
  if (state.closing)
    return refuse(
      503,
      REFUSAL_CODES.SHUTTING_DOWN,
      'the gateway is shutting down',
    );
  if (state.connections >= config.maxConnections) {
    return refuse(
      503,
      REFUSAL_CODES.CONNECTION_LIMIT,
      'too many connections; retry later',
    );
  }
  if (
    config.maxConnectionsPerIp > 0 &&
    state.connectionsFromAddress >= config.maxConnectionsPerIp
  ) {
    return refuse(
      429,
      REFUSAL_CODES.IP_CONNECTION_LIMIT,
      'too many connections from your address; retry later',
    );
  }
  const access = checkAccess(req, config);
  if (!access.ok) return refuse(access.status, access.code, access.message);
  return { ok: true, claims: access.claims };
}

/** Answers a refused upgrade with a JSON body (as the REST API does) and closes the socket. */
export function refuseUpgrade(socket: Duplex, refusal: UpgradeRefusal): void {
  const body = JSON.stringify({
    error: { code: refusal.code, message: refusal.message },
  });
  const headers = [
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}`,
    'Connection: close',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...(refusal.status === 401 ? ['WWW-Authenticate: Bearer'] : []),
    ...(refusal.status === 503 || refusal.status === 429
      ? ['Retry-After: 5']
      : []),
  ];
  if (socket.writable) socket.end(`${headers.join('\r\n')}\r\n\r\n${body}`);
}

function refuse(
  status: number,
  code: string,
  message: string,
): UpgradeDecision {
  return { ok: false, refusal: { status, code, message } };
}
