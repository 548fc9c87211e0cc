import { hashSlot } from '@secfeed/redis-keys';
import {
  createRedisCluster,
  type RedisClusterProcess,
  uniqueKeyPrefix,
  waitUntil,
} from '@secfeed/test-kit';
import { Writable } from 'node:stream';
import { connectRedis } from './connect-redis';
import { createLogger } from './create-logger';
import type { RedisClusterType } from 'redis';
import { isRedisReady, type SecfeedRedis } from './secfeed-redis';

/** Writes `after` to `key` until a write succeeds: the client has found the promoted replica. */
function writeReachesPromoted(
  client: Pick<SecfeedRedis, 'set'>,
  key: string,
  timeoutMs: number,
): Promise<void> {
  return waitUntil(
    () =>
      client
        .set(key, 'after')
        .then(() => true)
        .catch(() => false),
    'a write to reach the promoted replica',
    timeoutMs,
  );
}

describe('a cluster client when a master fails over', () => {
  let cluster: RedisClusterProcess;
  let redis: SecfeedRedis | undefined;
  const messages: string[] = [];
  beforeAll(async () => {
    cluster = await createRedisCluster({ replicasPerMaster: 1 });
  }, 30_000);
  afterAll(async () => {
    redis?.destroy();
    await cluster?.stop();
  });

  it('writes to the promoted replica without a restart (node-redis alone keeps retrying the dead master)', async () => {
    redis = await connectRedis({
      url: cluster.nodeUrls.join(','),
      logger: createLogger(
        'test',
        'info',
        new Writable({
          write: (chunk: Buffer, _e, done) => {
            messages.push(JSON.parse(chunk.toString()).msg);
            done();
          },
        }),
      ),
    });
    const key = `${uniqueKeyPrefix('failover')}k`;
    await redis.set(key, 'before');
    const failover = await cluster.killMaster(hashSlot(key));

    // Every write fails until the client has found the promoted replica; then one succeeds.
    const client = redis;
    await writeReachesPromoted(client, key, 15_000);
    expect(await redis.get(key)).toBe('after');
    expect(await cluster.masterOf(hashSlot(key))).toBe(failover.promoted);
    await waitUntil(() => isRedisReady(client), 'the client to be ready');
    expect(messages).toEqual([
      'Connected to Redis',
      'Redis connection lost; reconnecting',
      'Reconnected to Redis',
    ]);
  }, 40_000);

  it('follows even when a stale slot map names a dead master it must connect to again', async () => {
    const cluster2 = await createRedisCluster({ replicasPerMaster: 1 });
    const client = (await connectRedis({
      url: cluster2.nodeUrls.join(','),
      logger: createLogger(
        'test',
        'info',
        new Writable({ write: (_c, _e, done) => done() }),
      ),
    })) as RedisClusterType;
    try {
      const key = `${uniqueKeyPrefix('stale-map')}k`;
      await client.set(key, 'before');
      const dead = new URL(await cluster2.masterOf(hashSlot(key))).host;
      const killing = cluster2.killMaster(hashSlot(key));
      await waitUntil(
        () => client.nodeByAddress.get(dead)?.client?.isReady !== true,
        'the client to lose the master',
        30_000,
      );
      // What a rediscovery had done before: the dead master's node dropped. The map read next,
      // before the promotion, names it again: node-redis waits for a connection that never
      // comes, and every rediscovery after it (the follower's too) joins that wait.
      const node = client.nodeByAddress.get(dead);
      client.nodeByAddress.delete(dead);
      node?.client?.destroy();
      const live = client.masters.find((m) => m.client?.isReady)?.client;
      void client._slots
        .rediscover(live as Parameters<typeof client._slots.rediscover>[0])
        .catch(() => undefined);
      await killing;
      await writeReachesPromoted(client, key, 20_000);
      expect(await client.get(key)).toBe('after');
    } finally {
      client.destroy();
      await cluster2.stop();
    }
  }, 60_000);
});
