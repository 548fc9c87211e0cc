import type { ClientSession } from './client-session';
import type { FanOutHub } from './fan-out-hub';
import type { MessageGuard } from './message-guard';
import { parseClientMessage } from './parse-client-message';
import { CLOSE_CODES, ERROR_CODES, type ErrorCode } from './protocol-codes';
import {
  subscribe,
  unsubscribe,
  type SubscriptionContext,
} from './subscription-flow';

/** What message handling needs from the gateway. */
export interface MessageContext extends SubscriptionContext {
  readonly hub: FanOutHub;
  /** An error reply was sent (for the `errors` metric). */
  readonly onErrorReply: (session: ClientSession, code: ErrorCode) => void;
}

/**
 * Acts on one client frame: the rate limit first (a flood costs no parsing), then validation,
 * then the action. Every bad message gets a coded error reply and the connection stays open,
 * until the client has sent too many in a row (policy close) or kept flooding (rate close).
 */
export function handleClientMessage(
  session: ClientSession,
  guard: MessageGuard,
  data: Buffer,
  isBinary: boolean,
  ctx: MessageContext,
): void {
  const admission = guard.admit();
  if (admission === 'close-rate-limited') {
    session.close(CLOSE_CODES.RATE_LIMITED, 'message rate exceeded');
    return;
  }
  if (admission === 'rate-limited') {
    replyError(
      session,
      ERROR_CODES.RATE_LIMITED,
      'too many messages; slow down',
      ctx,
    );
    return;
  }
  const parsed = parseClientMessage(data, isBinary);
  if (!parsed.ok) {
    replyError(session, parsed.code, parsed.message, ctx);
    if (guard.recordError()) {
      session.close(CLOSE_CODES.POLICY_VIOLATION, 'too many bad messages');
    }
    return;
  }
  guard.recordValid();
  const { command } = parsed;
  switch (command.action) {
    case 'ping':
      session.sendJson({ type: 'pong' });
      return;
    case 'unsubscribe':
      unsubscribe(session, ctx.hub);
      session.sendJson({ type: 'unsubscribed' });
      return;
    case 'subscribe':
      void subscribe(session, command, ctx);
      return;
  }
}

function replyError(
  session: ClientSession,
  code: ErrorCode,
  message: string,
  ctx: MessageContext,
): void {
  ctx.onErrorReply(session, code);
  session.sendJson({ type: 'error', code, message });
}
