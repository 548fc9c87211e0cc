import type { RedisClusterType } from 'redis';
import { isRedisReady } from './secfeed-redis';

/** How often the slot map is asked for again while a master is unreachable, in ms. */
export const REDISCOVER_INTERVAL_MS = 500;

/**
 * Makes a cluster client follow a failover. node-redis reads the slot map again only on a
 * `MOVED` or `ASK` reply; when a master dies, its connection just retries the dead address
 * forever, every command for its slots fails (the offline queue is off), and no reply ever says
 * `MOVED`. So from the first lost node on, this asks a reachable node for the slot map every
 * `intervalMs` until every master in it answers: once a replica is promoted, the map names it,
 * node-redis connects to it and drops the dead node's connection. The timer never keeps the
 * process alive and stops with the client.
 *
 * @returns a function that stops following.
 */
export function followClusterFailover(
  cluster: RedisClusterType,
  intervalMs = REDISCOVER_INTERVAL_MS,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
  };
  const tick = () => {
    if (!cluster.isOpen || isRedisReady(cluster)) return stop();
    // Asked first: a master still answering, else the first root node; when that one fails
    // too, node-redis goes through every root node (REDIS_URL's list).
    const startWith = cluster.masters.find((m) => m.client?.isReady)
      ?.client ?? {
      options: cluster._options.rootNodes[0],
    };
    cluster._slots
      .rediscover(startWith as Parameters<typeof cluster._slots.rediscover>[0])
      .catch(() => undefined); // the next tick tries again
  };
  cluster.on('node-error', () => {
    timer ??= setInterval(tick, intervalMs).unref();
  });
  cluster.on('disconnect', stop);
  return stop;
}
