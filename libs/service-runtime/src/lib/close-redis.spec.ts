import {
  createRedisProcess,
  type RedisProcess,
  waitUntil,
} from '@secfeed/test-kit';
import { Writable } from 'node:stream';
import { closeRedis } from './close-redis';
import { connectRedis, SOCKET_TIMEOUT_MS } from './connect-redis';
import { createLogger } from './create-logger';
import { isRedisReady, type SecfeedRedis } from './secfeed-redis';

const quiet = createLogger(
  'test',
  'info',
  new Writable({ write: (_c, _e, done) => done() }),
);

/** Settles to 'pending' when `promise` has not settled within `ms`. */
async function within<T>(promise: Promise<T>, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise.then(
        (value) => ({ settled: 'resolved' as const, value }),
        (err: Error) => ({ settled: 'rejected' as const, err }),
      ),
      new Promise<{ settled: 'pending' }>((resolve) => {
        timer = setTimeout(() => resolve({ settled: 'pending' }), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

describe('a service Redis connection never leaves a caller waiting for ever', () => {
  let server: RedisProcess;
  let redis: SecfeedRedis;
  beforeEach(async () => {
    server = await createRedisProcess();
    await server.start();
    redis = await connectRedis({ url: server.url, logger: quiet });
  });
  afterEach(async () => {
    server.resume();
    if (redis.isOpen) redis.destroy();
    await server.dispose();
  });

  it('fails a command in flight on a server that hangs, within the socket timeout', async () => {
    server.pause();
    const started = Date.now();
    const reply = await within(redis.get('k'), SOCKET_TIMEOUT_MS + 5000);
    expect(reply.settled).toBe('rejected');
    expect(Date.now() - started).toBeGreaterThanOrEqual(
      SOCKET_TIMEOUT_MS - 100,
    );
  }, 20_000);

  it('reconnects after a hang: commands run again once the server answers', async () => {
    server.pause();
    await within(redis.get('k'), SOCKET_TIMEOUT_MS + 5000);
    server.resume();
    const deadline = Date.now() + 10_000;
    let answer: string | null | undefined;
    while (answer === undefined && Date.now() < deadline) {
      answer = await redis.set('k', 'v').then(
        () => redis.get('k') as Promise<string | null>,
        () => new Promise<undefined>((r) => setTimeout(r, 100)),
      );
    }
    expect(answer).toBe('v');
  }, 30_000);

  it('closes at once while the server is down (where quit() waits for ever)', async () => {
    await server.kill();
    await waitUntil(
      () => !isRedisReady(redis),
      'the client to see Redis gone',
      15_000,
    );
    const closing = await within(closeRedis(redis), 1000);
    expect(closing.settled).toBe('resolved');
    expect(redis.isOpen).toBe(false);
  }, 20_000);

  it('closes within its grace on a server that hangs, failing the command in flight', async () => {
    const pending = redis.get('k');
    server.pause();
    // Sent before the pause? Either way it is in flight and will never be answered.
    const closing = await within(closeRedis(redis, 300), 2000);
    expect(closing.settled).toBe('resolved');
    expect(redis.isOpen).toBe(false);
    expect((await within(pending, 1000)).settled).not.toBe('pending');
  }, 20_000);

  it('lets a command in flight finish on a server that answers', async () => {
    await redis.set('k', 'kept');
    const pending = redis.get('k');
    await closeRedis(redis);
    await expect(pending).resolves.toBe('kept');
    expect(redis.isOpen).toBe(false);
  }, 20_000);
});
