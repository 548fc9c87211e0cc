import { isRedisReady, type SecfeedRedis } from './secfeed-redis';

/** How long {@link closeRedis} lets commands in flight finish before it cuts the connection. */
export const CLOSE_REDIS_GRACE_MS = 2000;

/**
 * Closes a service's Redis connection at stop, and never waits for ever. While Redis answers,
 * commands in flight may finish (`close()`) for up to `graceMs`; past that, or while Redis is
 * away, the connection is destroyed, which fails whatever is still pending. `quit()` is not used:
 * it queues `QUIT` behind a connection that may never be ready again, and while Redis is down
 * that promise neither resolves nor rejects.
 */
export async function closeRedis(
  redis: SecfeedRedis,
  graceMs = CLOSE_REDIS_GRACE_MS,
): Promise<void> {
  if (!redis.isOpen) return;
  if (!isRedisReady(redis)) {
    redis.destroy();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const overdue = new Promise<'overdue'>((resolve) => {
    timer = setTimeout(() => resolve('overdue'), graceMs);
  });
  try {
    const closing = redis.close().then(() => 'closed' as const);
    if ((await Promise.race([closing, overdue])) === 'overdue') failPending(redis);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Fails every command still pending after `close()`: node-redis's `destroy()` rejects them first,
 * then finds the connection already closing and throws, which is expected here. The socket
 * itself goes at the latest when its idle timeout fires.
 */
function failPending(redis: SecfeedRedis): void {
  try {
    redis.destroy();
  } catch {
    // Already closing: the pending commands were failed before this.
  }
}
