import {
  createClient,
  createCluster,
  type RedisClientOptions,
  type RedisClientType,
  type RedisClusterType,
} from 'redis';

/**
 * Tests kill and restart private servers under their clients: without CLIENT SETINFO in the
 * handshake a reconnect accepted by a dying server cannot leave the client "ready" on a dead
 * socket (the reason is in service-runtime's connect-redis.ts).
 */
const RESILIENT = { disableClientInfo: true };

/** A test's connection: to one server, or to a cluster when `REDIS_URL` names a cluster node. */
export type TestRedis = RedisClientType | RedisClusterType;

/** The Redis tests use: `REDIS_URL`, else the shared server on 127.0.0.1:6379 (DEVELOPERS.md). */
export function testRedisUrl(): string {
  return process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
}

/**
 * Connects to `url` (default {@link testRedisUrl}): a cluster client when it is a
 * comma-separated list or a node with `cluster_enabled:1`, a plain client otherwise, so the same
 * spec runs against both (tools/cluster-suite).
 */
export async function connectTestRedis(
  url = testRedisUrl(),
): Promise<TestRedis> {
  const urls = url.split(',').map((part) => part.trim());
  if (urls.length === 1) {
    const client = await connectRawRedis(url);
    const info = await client.info('cluster');
    if (!/^cluster_enabled:1\b/m.test(info)) return client;
    client.destroy();
  }
  const cluster: RedisClusterType = createCluster({
    rootNodes: urls.map((root) => ({ url: root })),
    defaults: RESILIENT,
  });
  // Errors reach the test through the failing command; unheard, they would crash the run.
  cluster.on('error', () => undefined);
  await cluster.connect();
  return cluster;
}

/** Options of {@link connectRawRedis}: the node-redis options those specs set. */
export type RawRedisOptions = Pick<
  RedisClientOptions,
  'disableOfflineQueue' | 'pingInterval' | 'socket'
>;

/**
 * Connects a plain node-redis client to one server at `url`, fit for a private server the test
 * kills and restarts under it, as service-runtime's `connectRedis` connects a service: no
 * CLIENT SETINFO in the handshake (a reconnect accepted by the dying server cannot leave the
 * client "ready" on a dead socket), and an `error` listener, so a lost connection reaches the
 * test through its failing commands rather than crashing the run. `options` pass on to
 * `createClient` as they are (`disableOfflineQueue`, `socket.reconnectStrategy`).
 *
 * The client reconnects, with node-redis's backoff or `options`' strategy, for as long as it is
 * open: the caller `destroy()`s it (in `afterAll` or a `finally`), or it keeps the test run
 * alive. Like `createClient().connect()`, it waits, retrying, while the server is down.
 */
export async function connectRawRedis(
  url: string,
  options: RawRedisOptions = {},
): Promise<RedisClientType> {
  const client: RedisClientType = createClient({
    ...options,
    url,
    ...RESILIENT,
  });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Whether `redis` is a cluster client. */
export function isTestCluster(redis: TestRedis): redis is RedisClusterType {
  return 'masters' in redis;
}

/** Every key that starts with `prefix`, from every master when `redis` is a cluster. */
export async function keysWithPrefix(
  redis: TestRedis,
  prefix: string,
): Promise<string[]> {
  const nodes = isTestCluster(redis)
    ? await Promise.all(redis.masters.map((master) => redis.nodeClient(master)))
    : [redis];
  const found: string[] = [];
  for (const node of nodes) {
    for await (const batch of node.scanIterator({
      MATCH: `${prefix}*`,
      COUNT: 1000,
    }))
      found.push(...batch);
  }
  return found;
}

/**
 * Deletes every key that starts with `prefix`. One key per UNLINK (pipelined), since keys of
 * different hash tags may not share a command on a cluster.
 */
export async function deleteKeysWithPrefix(
  redis: TestRedis,
  prefix: string,
): Promise<number> {
  const found = await keysWithPrefix(redis, prefix);
  await Promise.all(found.map((key) => redis.unlink(key)));
  return found.length;
}
