import {
  isRedisCluster,
  isRedisReady,
  type SecfeedRedis,
} from './secfeed-redis';

/** How long {@link closeRedis} lets commands in flight finish before it cuts the connection. */
export const CLOSE_REDIS_GRACE_MS = 2000;

/**
 * Closes a service's Redis connection at stop, and never waits for ever. While Redis answers,
 * commands in flight may finish for up to `graceMs` (a PING on each connection answers after
 * everything sent before it); then, or at once while Redis is away, the connection is destroyed,
 * which fails whatever is still pending. Neither `quit()` nor `close()` is used: `quit()` queues
 * QUIT behind a connection that may never be ready again (while Redis is down that promise
 * neither resolves nor rejects), and after `close()` node-redis can no longer destroy the socket.
 */
export async function closeRedis(
  redis: SecfeedRedis,
  graceMs = CLOSE_REDIS_GRACE_MS,
): Promise<void> {
  if (!redis.isOpen) return;
  if (isRedisReady(redis)) {
    let timer: NodeJS.Timeout | undefined;
    const overdue = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    try {
      await Promise.race([
        inFlightAnswered(redis).catch(() => undefined),
        overdue,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
  redis.destroy();
}

/** Resolves once every command sent before it has been answered, on every connection. */
function inFlightAnswered(redis: SecfeedRedis): Promise<unknown> {
  if (!isRedisCluster(redis)) return redis.ping();
  return Promise.all(
    redis.masters.map(async (master) =>
      (await redis.nodeClient(master)).ping(),
    ),
  );
}
