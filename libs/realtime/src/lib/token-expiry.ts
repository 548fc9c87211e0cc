import { JWT_LEEWAY_SECONDS } from '@secfeed/access-control';
import type { ClientSession } from './client-session';
import { CLOSE_CODES } from './protocol-codes';

// setTimeout cannot wait longer than this (about 24.8 days).
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Closes `session` with 4001 when its token's `exp` passes (with the same leeway as at the
 * upgrade), so a connection does not outlive its authorization. Returns the timer to clear on
 * close, or `undefined` when the token has no `exp` or expires beyond a timer's reach.
 */
export function closeWhenTokenExpires(
  session: ClientSession,
  claims: Record<string, unknown>,
  nowMs: number = Date.now(),
): NodeJS.Timeout | undefined {
  const { exp } = claims;
  if (typeof exp !== 'number') return undefined;
  const delay = Math.max(0, (exp + JWT_LEEWAY_SECONDS) * 1000 - nowMs);
  if (delay > MAX_TIMER_MS) return undefined;
  const timer = setTimeout(
    () => session.close(CLOSE_CODES.UNAUTHORIZED, 'token expired'),
    delay,
  );
  timer.unref();
  return timer;
}
