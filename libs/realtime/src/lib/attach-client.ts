import type { Logger } from '@secfeed/service-runtime';
import type { RealtimeMetrics } from './realtime-metrics';
import {
  ClientSession,
  type SessionHooks,
  type SessionLimits,
} from './client-session';
import {
  handleClientMessage,
  type MessageContext,
} from './handle-client-message';
import type { Heartbeat } from './heartbeat';
import { MessageGuard } from './message-guard';
import type { SessionSocket } from './session-socket';
import { unsubscribe } from './subscription-flow';
import { CLOSE_CODES } from './protocol-codes';
import type { TickCorker } from './tick-corker';
import { closeWhenTokenExpires } from './token-expiry';

/** Frame errors after which `ws` closes the connection by itself, with their close codes. */
const WS_ERROR_CLOSES: Readonly<Record<string, number>> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: CLOSE_CODES.MESSAGE_TOO_BIG,
  WS_ERR_INVALID_UTF8: CLOSE_CODES.INVALID_UTF8,
};

/** What a new connection is wired to. */
export interface AttachContext {
  readonly sessions: Set<ClientSession>;
  readonly limits: SessionLimits;
  readonly hooks: SessionHooks;
  /** Shared by every session: one flush per tick for all of them. */
  readonly corker: TickCorker;
  readonly messages: MessageContext;
  readonly heartbeat: Heartbeat<ClientSession>;
  readonly messageRate: number;
  readonly metrics: Pick<RealtimeMetrics, 'connections' | 'closes'>;
  readonly logger: Logger;
}

/**
 * Wraps an accepted WebSocket in a session and wires its events: messages, pongs, errors (ws
 * closes by itself with 1009 after an oversize frame, 1007 after invalid UTF-8) and the close
 * that forgets it everywhere.
 */
export function attachClient(
  ws: SessionSocket,
  id: number,
  claims: Record<string, unknown> | undefined,
  ctx: AttachContext,
): ClientSession {
  const { sessions, metrics, logger } = ctx;
  const session = new ClientSession(ws, id, ctx.limits, ctx.hooks, ctx.corker);
  const guard = new MessageGuard(ctx.messageRate);
  const expiry = claims && closeWhenTokenExpires(session, claims);
  sessions.add(session);
  metrics.connections.set(sessions.size);
  logger.debug({ client: id }, 'client connected');
  ws.on('message', (data, isBinary) =>
    handleClientMessage(session, guard, data as Buffer, isBinary, ctx.messages),
  );
  ws.on('pong', () => ctx.heartbeat.pong(session));
  ws.on('error', (err: Error & { code?: string }) => {
    const closedWith = err.code && WS_ERROR_CLOSES[err.code];
    if (closedWith) metrics.closes.inc({ code: String(closedWith) });
    logger.info({ client: id, code: err.code }, 'client connection error');
  });
  ws.on('close', (code) => {
    clearTimeout(expiry);
    unsubscribe(session, ctx.messages.hub);
    session.dispose();
    sessions.delete(session);
    metrics.connections.set(sessions.size);
    logger.debug({ client: id, code }, 'client disconnected');
  });
  return session;
}
