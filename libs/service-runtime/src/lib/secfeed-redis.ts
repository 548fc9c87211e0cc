import type { RedisClientType, RedisClusterType } from 'redis';

/**
 * A connected secfeed Redis: one server (`createClient`) or a Redis Cluster (`createCluster`),
 * as {@link connectRedis} returns it. Typed commands (`get`, `mGet`, `zRange`, `xAdd`, ...) and
 * `multi()` read the same on both; the cluster client routes each by its first key. Every key of
 * one `SECFEED_KEY_PREFIX` carries the hash tag `{<prefix>sec}`, so a multi-key command, a
 * pipeline or a script always lands on the one node that owns that slot.
 */
export type SecfeedRedis = RedisClientType | RedisClusterType;

/** Raw commands (`sendCommand(args)`), all sent to the node that owns one key. */
export interface RoutedCommands {
  sendCommand(args: ReadonlyArray<string>): Promise<unknown>;
}

/** Whether `redis` is a cluster client. */
export function isRedisCluster(redis: SecfeedRedis): redis is RedisClusterType {
  return 'masters' in redis;
}

/**
 * Whether commands can run now: the client is ready, or the cluster is open and every master
 * it knows has a ready connection.
 */
export function isRedisReady(redis: SecfeedRedis): boolean {
  if (!isRedisCluster(redis)) return redis.isReady;
  const { masters } = redis;
  return (
    redis.isOpen &&
    masters.length > 0 &&
    masters.every((master) => master.client?.isReady === true)
  );
}

/**
 * Raw commands for the node that owns `key`. A cluster client has no slot-free
 * `sendCommand(args)`: it needs the key that picks the node. Use it for commands on `key` or on
 * keys that share its hash tag.
 *
 * @example
 * ```ts
 * const stream = routedCommands(redis, keys.stream);
 * await stream.sendCommand(['XINFO', 'STREAM', keys.stream]);
 * ```
 */
export function routedCommands(
  redis: SecfeedRedis,
  key: string,
): RoutedCommands {
  if (isRedisCluster(redis))
    return {
      sendCommand: (args) => redis.sendCommand(key, false, [...args]),
    };
  return { sendCommand: (args) => redis.sendCommand([...args]) };
}
