import {
  connectTestRedis,
  deleteKeysWithPrefix,
  uniqueKeyPrefix,
  waitUntil,
  type TestRedis,
} from '@secfeed/test-kit';
import { withDayLock } from './day-lock';

/** The day's lock on real Redis, with TTLs short enough to watch them pass. */
describe('withDayLock', () => {
  const prefix = uniqueKeyPrefix('day-lock');
  let redis: TestRedis;
  let n = 0;
  let key: string;
  let progress: string;

  beforeAll(async () => {
    redis = await connectTestRedis();
  });
  beforeEach(() => {
    n++;
    key = `${prefix}completeness:{${prefix}sec}:lock:2020-03-${10 + n}`;
    progress = `${prefix}completeness:{${prefix}sec}:progress:2020-03-${10 + n}`;
  });
  afterAll(async () => {
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  it('runs the work once at a time, whoever asks, and frees the day after', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = withDayLock(redis, key, 10_000, async () => {
      await held;
      return 'first';
    });
    await waitUntil(async () => (await redis.exists(key)) === 1, 'the lock');
    expect(await withDayLock(redis, key, 10_000, async () => 'second')).toEqual(
      { ran: false },
    );
    release();
    expect(await first).toEqual({ ran: true, value: 'first' });
    expect(await redis.exists(key)).toBe(0);
    expect(await withDayLock(redis, key, 10_000, async () => 'third')).toEqual({
      ran: true,
      value: 'third',
    });
  });

  it('releases the lock when the work throws, and throws it', async () => {
    await expect(
      withDayLock(redis, key, 10_000, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await redis.exists(key)).toBe(0);
  });

  it('extends a short lock while the work runs: held past its TTL, then released with what it holds', async () => {
    const ttlMs = 300;
    const outcome = await withDayLock(
      redis,
      key,
      ttlMs,
      async (lost) => {
        await redis.set(progress, '{"done":1,"total":2}', { PX: ttlMs });
        const startedAt = Date.now();
        // PTTL going back up means the lock was extended; it must never lapse (-2) meanwhile.
        let extended = 0;
        let lapsed = false;
        let last = await redis.pTTL(key);
        await waitUntil(
          async () => {
            const ttl = await redis.pTTL(key);
            if (ttl < 0) lapsed = true;
            if (ttl > last) extended++;
            last = ttl;
            return extended >= 3 && Date.now() - startedAt > 3 * ttlMs;
          },
          'the lock held for three TTLs',
          20_000,
        );
        expect(lapsed).toBe(false);
        expect(await redis.exists(progress)).toBe(1);
        expect(lost.aborted).toBe(false);
        return withDayLock(redis, key, ttlMs, async () => 'second');
      },
      { renewEveryMs: 50, heldWith: [progress] },
    );
    expect(outcome).toEqual({ ran: true, value: { ran: false } });
    expect(await redis.exists(key)).toBe(0);
    expect(await redis.exists(progress)).toBe(0);
  });

  it("frees the day within the TTL when its holder died (nothing extends a dead holder's lock)", async () => {
    // What a killed run leaves: its token, with the TTL of its last extension.
    await redis.set(key, 'token-of-a-killed-run', { PX: 500 });
    expect(await withDayLock(redis, key, 500, async () => 'early')).toEqual({
      ran: false,
    });
    let outcome: Awaited<ReturnType<typeof withDayLock<string>>> = {
      ran: false,
    };
    await waitUntil(
      async () => {
        outcome = await withDayLock(redis, key, 500, async () => 'next');
        return outcome.ran;
      },
      'the dead holder’s lock to expire',
      20_000,
    );
    expect(outcome).toEqual({ ran: true, value: 'next' });
  });

  it('aborts the work when an extension finds the lock taken by another run, and leaves that lock alone', async () => {
    const outcome = await withDayLock(
      redis,
      key,
      10_000,
      async (lost) => {
        // The lock expired (a long stall) and another run took the day.
        await redis.set(key, 'token-of-another-run', { PX: 10_000 });
        await waitUntil(() => lost.aborted, 'the work told to stop', 20_000);
        return 'stopped';
      },
      { renewEveryMs: 50 },
    );
    expect(outcome).toEqual({ ran: true, value: 'stopped' });
    expect(await redis.get(key)).toBe('token-of-another-run');
  });

  it('aborts the work when Redis confirms no extension for a whole TTL', async () => {
    jest.useFakeTimers();
    try {
      // Redis takes the lock, then never answers again.
      const silent = {
        set: async () => 'OK' as const,
        eval: () => new Promise<never>(() => undefined),
      };
      let lost!: AbortSignal;
      let finish!: () => void;
      const run = withDayLock(
        silent as unknown as Parameters<typeof withDayLock>[0],
        key,
        30_000,
        (signal) => {
          lost = signal;
          return new Promise<void>((resolve) => (finish = resolve));
        },
        { renewEveryMs: 10_000 },
      );
      await jest.advanceTimersByTimeAsync(20_000);
      expect(lost.aborted).toBe(false);
      await jest.advanceTimersByTimeAsync(10_000);
      expect(lost.aborted).toBe(true);
      finish();
      // The release is sent, but never answered by this Redis: the run is not awaited.
      void run;
    } finally {
      jest.useRealTimers();
    }
  });
});
