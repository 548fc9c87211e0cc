import { createClient } from 'redis';
import { clearDemoKeys } from './clear-demo-keys';

const url = 'redis://127.0.0.1:6379';
const run = `start-spec-${process.pid}-${Date.now()}`;

describe('clearDemoKeys', () => {
  const redis = createClient({ url });
  beforeAll(() => redis.connect());
  afterAll(async () => {
    await redis.del([`${run}-other:kept`]);
    await redis.quit();
  });

  it("deletes the demo prefix's keys, of every type, and nothing else", async () => {
    const demo = `${run}-demo:`;
    await redis.set(`${demo}seen:1`, '1');
    await redis.xAdd(`${demo}{x}:stream`, '*', { f: 'v' });
    await redis.zAdd(`${demo}{x}:index`, { score: 1, value: 'a' });
    await redis.set(`${run}-other:kept`, '1');
    await redis.set(`${run}-demo-not-under-prefix`, '1');

    expect(await clearDemoKeys(url, demo)).toBe(3);

    expect(await redis.keys(`${demo}*`)).toEqual([]);
    expect(await redis.get(`${run}-other:kept`)).toBe('1');
    expect(await redis.getDel(`${run}-demo-not-under-prefix`)).toBe('1');
  });

  it('refuses an empty prefix, which would mean every key', async () => {
    await expect(clearDemoKeys(url, '')).rejects.toThrow(/prefix/);
  });
});
