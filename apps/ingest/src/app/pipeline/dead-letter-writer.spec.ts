import { createRedisKeys } from '@secfeed/redis-keys';
import { uniqueKeyPrefix } from '@secfeed/test-kit';
import { createClient, type RedisClientType } from 'redis';
import { writeDeadLetters } from './dead-letter-writer';

describe('writeDeadLetters (real Redis)', () => {
  const keys = createRedisKeys(uniqueKeyPrefix('dead-letters'));
  let redis: RedisClientType;

  beforeAll(async () => {
    redis = createClient({ url: 'redis://127.0.0.1:6379' });
    await redis.connect();
  });

  afterAll(async () => {
    await redis.del(keys.deadLetters);
    await redis.quit();
  });

  it('stores an element nested too deep to serialize, with its code, and the rest of its frame', async () => {
    // `[[[...]]]` 100,000 deep parses, but JSON.stringify and String overflow the stack; the
    // writer used to throw then, and the frame's dead letters were lost.
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const reasons = [{ field: '', reason: 'must be an object, got array' }];
    await writeDeadLetters(redis, keys.deadLetters, [
      { code: 'ELEMENT_NOT_OBJECT', source: 'sec-api', raw: deep, reasons },
      { code: 'ELEMENT_INVALID', source: 'sec-api', raw: { cik: 1 }, reasons },
    ]);
    const entries = await redis.xRange(keys.deadLetters, '-', '+');
    expect(entries.map((e) => e.message)).toEqual([
      expect.objectContaining({
        code: 'ELEMENT_NOT_OBJECT',
        raw: expect.stringMatching(/^\[not serializable: .*call stack/),
      }),
      expect.objectContaining({ code: 'ELEMENT_INVALID', raw: '{"cik":1}' }),
    ]);
  });
});
