import type { RedisClusterType } from 'redis';
import { isRedisReady } from './secfeed-redis';

/** How often the slot map is asked for again while a master is unreachable, in ms. */
export const REDISCOVER_INTERVAL_MS = 500;

/**
 * How long one rediscovery may run before the nodes it still waits to connect to are dropped,
 * in ms. A slot map read from a node with a stale view can name a master that is gone; node-redis
 * then waits for a connection to it that never comes (it retries for ever), and every later
 * rediscovery joins that same wait.
 */
export const STUCK_REDISCOVERY_MS = 3000;

type ClusterNode = NonNullable<
  ReturnType<RedisClusterType['nodeByAddress']['get']>
>;

/**
 * Makes a cluster client follow a failover. node-redis reads the slot map again only on a
 * `MOVED` or `ASK` reply; when a master dies, its connection just retries the dead address
 * forever, every command for its slots fails (the offline queue is off), and no reply ever says
 * `MOVED`. So from the first lost node on, this asks a reachable node for the slot map every
 * `intervalMs` until every master in it answers: once a replica is promoted, the map names it,
 * node-redis connects to it and drops the dead node's connection.
 *
 * node-redis runs one rediscovery at a time and waits in it until every node the map names has
 * connected. When a stale map names a dead node, that wait never ends and the client would never
 * follow. So a rediscovery still running after `stuckMs` has its unconnected nodes dropped (their
 * clients destroyed, which ends the wait); the next map read creates them afresh if they are
 * really there. The timer never keeps the process alive and stops with the client.
 *
 * @returns a function that stops following.
 */
export function followClusterFailover(
  cluster: RedisClusterType,
  intervalMs = REDISCOVER_INTERVAL_MS,
  stuckMs = STUCK_REDISCOVERY_MS,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let runningSince: number | undefined;
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
  };
  const tick = () => {
    if (!cluster.isOpen || isRedisReady(cluster)) return stop();
    if (runningSince !== undefined) {
      if (Date.now() - runningSince >= stuckMs) dropUnconnectedNodes(cluster);
      return;
    }
    // Asked first: a master still answering, else the first root node; when that one fails
    // too, node-redis goes through every root node (REDIS_URL's list).
    const startWith = cluster.masters.find((m) => m.client?.isReady)
      ?.client ?? {
      options: cluster._options.rootNodes[0],
    };
    runningSince = Date.now();
    cluster._slots
      .rediscover(startWith as Parameters<typeof cluster._slots.rediscover>[0])
      .catch(() => undefined) // the next tick tries again
      .finally(() => (runningSince = undefined));
  };
  cluster.on('node-error', () => {
    timer ??= setInterval(tick, intervalMs).unref();
  });
  cluster.on('disconnect', stop);
  return stop;
}

/** Destroys and forgets every node still connecting: the rediscovery waiting on them ends. */
function dropUnconnectedNodes(cluster: RedisClusterType): void {
  for (const [address, node] of cluster.nodeByAddress) {
    if (!isConnecting(node)) continue;
    cluster.nodeByAddress.delete(address);
    try {
      node.client?.destroy();
    } catch {
      // Already closed.
    }
  }
}

function isConnecting(node: ClusterNode): boolean {
  return node.connectPromise !== undefined && node.client?.isReady !== true;
}
