import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';
import {
  collect,
  connectRawRedis,
  connectTestRedis,
  createRedisProcess,
  isTestCluster,
  waitUntil,
  type Collected,
  type RedisProcess,
  type TestRedis,
} from '@secfeed/test-kit';
import { setTimeout as sleep } from 'node:timers/promises';
import { redisStreamReader } from './redis-stream-reader';
import type { StreamEntry } from './stream-entry';
import type {
  StreamReaderEvent,
  StreamReaderState,
} from './stream-reader-event';

const fast = { minDelayMs: 50, maxDelayMs: 200 };

// REDIS_URL (default 127.0.0.1:6379) may name a Redis Cluster node: tools/cluster-suite.
describe('redisStreamReader (real Redis)', () => {
  let client: TestRedis;
  let reader: Collected<StreamReaderEvent> | undefined;
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
  /** The entries and the states a reader emitted, each in order. */
  const entriesOf = (events: StreamReaderEvent[]): StreamEntry[] =>
    events.flatMap((event) => (event.type === 'entry' ? [event.entry] : []));
  const statesOf = (events: StreamReaderEvent[]): StreamReaderState[] =>
    events.filter(
      (event): event is StreamReaderState => event.type !== 'entry',
    );
  const isReady = (events: StreamReaderEvent[]) =>
    events.some((event) => event.type === 'ready');
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
    await reader.waitFor((events) => entriesOf(events).length >= 1200);
    await sleep(50);
    expect(numbers(entriesOf(reader.values))).toEqual(range(0, 1200));
    expect(entriesOf(reader.values)[0]).toEqual({
      id: expect.stringMatching(/^\d+-\d+$/),
      fields: { n: '0' },
    });
  });

  it('from $ sees only entries added after it started', async () => {
    const key = newKey();
    await addEntries(key, 0, 10);
    reader = collect(
      redisStreamReader({
        client,
        key,
        from: '$',
        blockMs: 200,
      }),
    );
    await reader.waitFor(isReady);
    await addEntries(key, 10, 15);
    await reader.waitFor((events) => entriesOf(events).length >= 5);
    await sleep(50);
    expect(numbers(entriesOf(reader.values))).toEqual(range(10, 15));
    expect(statesOf(reader.values)[1]).toEqual({
      type: 'ready',
      position: expect.stringMatching(/^\d+-\d+$/),
    });
    // The state travels in the same Observable, before the entries it concerns.
    expect(reader.values.slice(0, 2).map((event) => event.type)).toEqual([
      'connecting',
      'ready',
    ]);
  });

  it('does not stall commands on the caller client while it blocks', async () => {
    const key = newKey();
    reader = collect(
      redisStreamReader({
        client,
        key,
        blockMs: 3000,
      }),
    );
    await reader.waitFor(isReady);
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
    reader = collect(
      redisStreamReader({
        client,
        key,
        blockMs: 5000,
        connectionName,
      }),
    );
    await reader.waitFor(isReady);
    expect(await connections()).toBe(1);
    reader.subscription.unsubscribe();
    await waitUntil(
      async () => (await connections()) === 0,
      'no reader connection left',
      1000,
    );
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
      // Clients of a server about to be killed (test-kit's connectRawRedis).
      const [producer, owner] = await Promise.all([
        connectRawRedis(redis.url, { socket: { reconnectStrategy: 50 } }),
        connectRawRedis(redis.url),
      ]);
      const production = produce(producer, key);
      try {
        reader = collect(
          redisStreamReader({
            client: owner,
            key,
            from: '$',
            blockMs: 500,
            retry: fast,
          }),
        );
        const delivered = () => entriesOf(reader?.values ?? []);
        await reader.waitFor((events) => entriesOf(events).length >= 100);
        await redis.kill();
        await sleep(400);
        await redis.start();
        const atRestart = production.acknowledged.length;
        await waitUntil(
          () => production.acknowledged.length >= atRestart + 100,
          '100 more acknowledged writes after the restart',
          10_000,
        );
        await production.stop();

        const all = (await producer.xRange(key, '-', '+')).map(
          (entry) => entry.id,
        );
        const first = all.indexOf(delivered()[0].id);
        await reader.waitFor(
          (events) => entriesOf(events).length >= all.length - first,
          10_000,
        );
        await sleep(100);
        expect(delivered().map((entry) => entry.id)).toEqual(all.slice(first));
        const deliveredNumbers = new Set(numbers(delivered()));
        const firstNumber = numbers(delivered())[0];
        const expected = production.acknowledged.filter(
          (n) => n >= firstNumber,
        );
        expect(expected.filter((n) => !deliveredNumbers.has(n))).toEqual([]);
        expect(statesOf(reader.values).map((state) => state.type)).toEqual(
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
function produce(producer: RedisClientType, key: string) {
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
