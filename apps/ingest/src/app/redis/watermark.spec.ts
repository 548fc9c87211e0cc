import { createRedisKeys } from '@secfeed/redis-keys';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  testRedisUrl,
  uniqueKeyPrefix,
  type TestRedis,
} from '@secfeed/test-kit';
import { Watermark } from './watermark';

const mark = (filedAt: string) => ({ filedAt, ms: Date.parse(filedAt) });
const DAY = 86_400_000;

describe('Watermark (real Redis)', () => {
  let redis: TestRedis;
  const keys = createRedisKeys(uniqueKeyPrefix('watermark'));

  beforeAll(async () => (redis = await connectTestRedis(testRedisUrl())));
  afterEach(() => deleteKeysWithPrefix(redis, keys.prefix));
  afterAll(() => redis.quit());

  const watermark = () =>
    new Watermark(redis, keys, 7 * DAY, () =>
      Date.parse('2026-03-02T20:00:00Z'),
    );

  it('reads undefined before any advance', async () => {
    expect(await watermark().read()).toBeUndefined();
  });

  it('moves only forward, keeping the filedAt as the upstream wrote it', async () => {
    const w = watermark();
    expect(await w.advance(mark('2026-03-02T10:00:05-05:00'))).toBe(true);
    expect(await w.advance(mark('2026-03-02T10:00:01-05:00'))).toBe(false);
    expect(await w.advance(mark('2026-03-02T10:00:05-05:00'))).toBe(false);
    expect(await w.read()).toEqual(mark('2026-03-02T10:00:05-05:00'));
    expect(await w.advance(mark('2026-03-02T10:00:09-05:00'))).toBe(true);
    expect(await w.read()).toEqual(mark('2026-03-02T10:00:09-05:00'));
  });

  it('is one key shared by every instance (another replica, a restart), with the retention as TTL', async () => {
    await watermark().advance(mark('2026-03-02T10:00:05-05:00'));
    expect(await watermark().read()).toEqual(mark('2026-03-02T10:00:05-05:00'));
    expect(await redis.hGetAll(keys.watermark)).toEqual({
      ms: String(Date.parse('2026-03-02T10:00:05-05:00')),
      filedAt: '2026-03-02T10:00:05-05:00',
      advancedAt: '2026-03-02T20:00:00.000Z',
    });
    const ttl = await redis.pTTL(keys.watermark);
    expect(ttl).toBeGreaterThan(7 * DAY - 60_000);
    expect(ttl).toBeLessThanOrEqual(7 * DAY);
  });

  it('concurrent advances leave the newest', async () => {
    const w = watermark();
    const marks = Array.from({ length: 20 }, (_, i) =>
      mark(`2026-03-02T10:00:${String(i).padStart(2, '0')}-05:00`),
    ).reverse();
    await Promise.all(marks.map((m) => w.advance(m)));
    expect(await w.read()).toEqual(marks[0]);
  });
});
