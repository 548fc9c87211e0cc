import type { Logger } from '@secfeed/service-runtime';
import { setTimeout as delay } from 'node:timers/promises';

/** Waits between attempts while Redis fails the gateway's start. */
const RETRY_MS = 1000;

/**
 * Runs `attempt` until it resolves, waiting `retryMs` after each failure (logged at `warn` with
 * `what`), and gives up when `signal` aborts: resolves `undefined` then. For the start-up steps
 * that need Redis, so a gateway started while Redis is down keeps trying instead of exiting.
 */
export async function retryUntilStopped<T>(
  what: string,
  attempt: () => Promise<T>,
  {
    logger,
    signal,
    retryMs = RETRY_MS,
  }: {
    logger: Logger;
    signal: AbortSignal;
    retryMs?: number;
  },
): Promise<T | undefined> {
  while (!signal.aborted) {
    try {
      return await attempt();
    } catch (err) {
      if (signal.aborted) break;
      logger.warn({ err: (err as Error).message }, `${what} failed; retrying`);
      await delay(retryMs, undefined, { signal }).catch(() => undefined);
    }
  }
  return undefined;
}
