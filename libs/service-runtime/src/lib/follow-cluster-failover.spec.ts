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
import { isRedisReady, type SecfeedRedis } from './secfeed-redis';

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

  // Intermittent (about one run in eight): now and then the client does not follow the promoted
  // replica at all, the open failover defect written down in tools/fault-suite/README.md. Until
  // it is fixed this runs only with SECFEED_SOAK=1 (`npm run soak`), not in `npm test`.
  const itSoak = process.env['SECFEED_SOAK'] ? it : it.skip;
  itSoak(
    'writes to the promoted replica without a restart (node-redis alone keeps retrying the dead master)',
    async () => {
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
      await waitUntil(
        () =>
          client
            .set(key, 'after')
            .then(() => true)
            .catch(() => false),
        'a write to reach the promoted replica',
        15_000,
      );
      expect(await redis.get(key)).toBe('after');
      expect(await cluster.masterOf(hashSlot(key))).toBe(failover.promoted);
      await waitUntil(() => isRedisReady(client), 'the client to be ready');
      expect(messages).toEqual([
        'Connected to Redis',
        'Redis connection lost; reconnecting',
        'Reconnected to Redis',
      ]);
    },
    40_000,
  );
});
