import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import {
  collect,
  sleep,
  waitUntil,
  type Collected,
} from '../test-support/collect';
import {
  connectTestRedis,
  createRedisProcess,
  isTestCluster,
  type RedisProcess,
  type TestRedis,
} from '@secfeed/test-kit';
import { redisStreamReader } from './redis-stream-reader';
import type { StreamEntry, StreamReaderState } from './stream-entry';

const fast = { minDelayMs: 50, maxDelayMs: 200 };

// REDIS_URL (default 127.0.0.1:6379) may name a Redis Cluster node: tools/cluster-suite.
describe('redisStreamReader (real Redis)', () => {
  let client: TestRedis;
  let reader: Collected<StreamEntry> | undefined;
  const keys: string[] = [];
  const newKey = () => {
    const key = `test:stream-client:${randomUUID()}`;
    keys.push(key);
    return key;
  };
  const addEntries = async (key: string, from: number, to: number) => {
    for (let n = from; n < to; n += 200) {
      const batch = client.multi();
      for (let i = n; i < Math.min(n + 200, to); i += 1)
        batch.xAdd(key, '*', { n: String(i) });
      await batch.exec();
    }
  };
  const numbers = (entries: StreamEntry[]) =>
    entries.map((entry) => Number(entry.fields['n']));
  const range = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => from + i);

  beforeAll(async () => {
    client = await connectTestRedis();
  });
  afterEach(async () => {
    reader?.subscription.unsubscribe();
    reader = undefined;
    // One key per DEL: on a cluster the keys live in different slots.
    await Promise.all(keys.splice(0).map((key) => client.del(key)));
  });
  afterAll(async () => {
    await client.close();
  });

  it('reads existing entries from 0 in order, in batches of `count`', async () => {
    const key = newKey();
    await addEntries(key, 0, 1200);
    reader = collect(
      redisStreamReader({ client, key, from: '0', count: 500, blockMs: 200 }),
    );
    await reader.waitFor((entries) => entries.length >= 1200);
    await sleep(50);
    expect(numbers(reader.values)).toEqual(range(0, 1200));
    expect(reader.values[0]).toEqual({
      id: expect.stringMatching(/^\d+-\d+$/),
      fields: { n: '0' },
    });
  });

  it('from $ sees only entries added after it started', async () => {
    const key = newKey();
    await addEntries(key, 0, 10);
    const states: StreamReaderState[] = [];
    reader = collect(
      redisStreamReader({
        client,
        key,
        from: '$',
        blockMs: 200,
        onState: (s) => states.push(s),
      }),
    );
    await waitUntil(() => states.some((state) => state.type === 'ready'));
    await addEntries(key, 10, 15);
    await reader.waitFor((entries) => entries.length >= 5);
    await sleep(50);
    expect(numbers(reader.values)).toEqual(range(10, 15));
    expect(states[1]).toEqual({
      type: 'ready',
      position: expect.stringMatching(/^\d+-\d+$/),
    });
  });

  it('does not stall commands on the caller client while it blocks', async () => {
    const key = newKey();
    const states: StreamReaderState[] = [];
    reader = collect(
      redisStreamReader({
        client,
        key,
        blockMs: 3000,
        onState: (s) => states.push(s),
      }),
    );
    await waitUntil(() => states.some((state) => state.type === 'ready'));
    await sleep(50);
    const started = Date.now();
    expect(await client.ping()).toBe('PONG');
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('closes its dedicated connection on unsubscribe, even mid-BLOCK', async () => {
    const key = newKey();
    const connectionName = `reader-${randomUUID()}`;
    // On a cluster, CLIENT LIST of the master that owns the key: where the reader connects.
    const connections = async () => {
      const list = isTestCluster(client)
        ? await client.sendCommand(key, true, ['CLIENT', 'LIST'])
        : await client.sendCommand(['CLIENT', 'LIST']);
      return String(list)
        .split('\n')
        .filter((line) => line.includes(` name=${connectionName} `)).length;
    };
    const states: StreamReaderState[] = [];
    reader = collect(
      redisStreamReader({
        client,
        key,
        blockMs: 5000,
        connectionName,
        onState: (s) => states.push(s),
      }),
    );
    await waitUntil(() => states.some((state) => state.type === 'ready'));
    expect(await connections()).toBe(1);
    reader.subscription.unsubscribe();
    await waitUntil(async () => (await connections()) === 0, 1000);
  });

  it('rejects invalid options', () => {
    expect(() => redisStreamReader({ client, key: '' })).toThrow(/key/);
    expect(() => redisStreamReader({ client, key: 'k', from: '>' })).toThrow(
      /from/,
    );
    expect(() => redisStreamReader({ client, key: 'k', count: 0 })).toThrow(
      /count/,
    );
    expect(() => redisStreamReader({ client, key: 'k', blockMs: 0 })).toThrow(
      /blockMs/,
    );
  });

  describe('across a Redis crash and restart', () => {
    let redis: RedisProcess;
    beforeAll(async () => {
      redis = await createRedisProcess();
      await redis.start();
    });
    afterAll(async () => {
      await redis.dispose();
    });

    it('delivers every entry exactly once, in order', async () => {
      const key = 'stream:crash-test';
      const producer = createClient({
        url: redis.url,
        socket: { reconnectStrategy: 50 },
      });
      const owner = createClient({ url: redis.url });
      producer.on('error', () => undefined);
      owner.on('error', () => undefined);
      await Promise.all([producer.connect(), owner.connect()]);
      const production = produce(producer, key);
      try {
        const states: StreamReaderState[] = [];
        const onState = (state: StreamReaderState) => states.push(state);
        reader = collect(
          redisStreamReader({
            client: owner,
            key,
            from: '$',
            blockMs: 500,
            retry: fast,
            onState,
          }),
        );
        await reader.waitFor((entries) => entries.length >= 100);
        await redis.kill();
        await sleep(400);
        await redis.start();
        const atRestart = production.acknowledged.length;
        await waitUntil(
          () => production.acknowledged.length >= atRestart + 100,
          10_000,
        );
        await production.stop();

        const all = (await producer.xRange(key, '-', '+')).map(
          (entry) => entry.id,
        );
        const first = all.indexOf(reader.values[0].id);
        await reader.waitFor(
          (entries) => entries.length >= all.length - first,
          10_000,
        );
        await sleep(100);
        expect(reader.values.map((entry) => entry.id)).toEqual(
          all.slice(first),
        );
        const delivered = new Set(numbers(reader.values));
        const firstNumber = numbers(reader.values)[0];
        const expected = production.acknowledged.filter(
          (n) => n >= firstNumber,
        );
        expect(expected.filter((n) => !delivered.has(n))).toEqual([]);
        expect(states.map((state) => state.type)).toEqual(
          expect.arrayContaining(['ready', 'error', 'retry', 'connecting']),
        );
      } finally {
        await production.stop();
        producer.destroy();
        owner.destroy();
      }
    }, 30_000);
  });
});

/** Adds entries `n = 0, 1, ...` until stopped, retrying each until Redis acknowledges it. */
function produce(producer: ReturnType<typeof createClient>, key: string) {
  const acknowledged: number[] = [];
  let producing = true;
  const done = (async () => {
    for (let n = 0; producing;) {
      try {
        await producer.xAdd(key, '*', { n: String(n) });
        acknowledged.push(n);
        n += 1;
        await sleep(2);
      } catch {
        await sleep(20);
      }
    }
  })();
  return {
    acknowledged,
    stop: async () => {
      producing = false;
      await done;
    },
  };
}
