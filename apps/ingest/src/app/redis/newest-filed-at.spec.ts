import { FilingPublisher } from '@secfeed/dedup';
import { encodeIndexMember } from '@secfeed/filing-model/stored';
import { makeFiling } from '@secfeed/filing-model/testing';
import { createRedisKeys } from '@secfeed/redis-keys';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  uniqueKeyPrefix,
  type TestRedis,
} from '@secfeed/test-kit';
import { newestFiledAt } from './newest-filed-at';

const DAY_MS = 86_400_000;

const filedAt = (ms: number) =>
  new Date(ms).toISOString().replace('.000Z', 'Z');

/** Where a restart's gap backfill starts, read from what dedup keeps (real Redis). */
describe('newestFiledAt', () => {
  const prefix = uniqueKeyPrefix('newest-filed-at');
  const keys = createRedisKeys(prefix);
  let redis: TestRedis;
  let publisher: FilingPublisher;
  const now = Math.floor(Date.now() / 1000) * 1000;

  beforeAll(async () => {
    redis = await connectTestRedis();
    publisher = new FilingPublisher(redis, {
      keys,
      retentionMs: DAY_MS,
      now: () => now,
    });
  });

  afterAll(async () => {
    await deleteKeysWithPrefix(redis, prefix);
    await redis.close();
  });

  it('is undefined while nothing is stored', async () => {
    expect(await newestFiledAt(redis, keys)).toBeUndefined();
  });

  it('answers the newest filedAt within the retention, as the upstream wrote it, whatever the publish order', async () => {
    const newest = makeFiling({ filedAt: filedAt(now - 60_000) });
    const older = makeFiling({ filedAt: filedAt(now - 3_600_000) });
    // Past the retention: published to the stream, but in no sorted set.
    const expired = makeFiling({ filedAt: filedAt(now - 2 * DAY_MS) });
    await publisher.publishBatch([newest, older, expired]);
    expect(await newestFiledAt(redis, keys)).toBe(newest.filedAt);
  });

  it('is undefined when the newest document has no string filedAt, and fails naming the code when it is not JSON', async () => {
    const accessionNo = '0000000001-25-000001';
    await redis.zAdd(keys.latest, {
      score: now + 1,
      value: encodeIndexMember(`${now + 1}-0`, accessionNo),
    });
    await redis.set(keys.filing(accessionNo), '{"filedAt":1}');
    expect(await newestFiledAt(redis, keys)).toBeUndefined();
    await redis.set(keys.filing(accessionNo), '{"filedAt":');
    await expect(newestFiledAt(redis, keys)).rejects.toThrow('NOT_JSON');
  });
});
