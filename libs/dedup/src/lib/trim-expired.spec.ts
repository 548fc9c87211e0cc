import {
  connectRawRedis,
  createRedisProcess,
  type RedisProcess,
} from '@secfeed/test-kit';
import type { RedisClientType } from 'redis';
import { createRedisKeys } from '@secfeed/redis-keys';
import {
  redisTestContext,
  TestClient,
} from '../test-support/redis-test-context';
import { testFiling, testFilings } from '../test-support/filings';
import { pause, streamEntries } from '../test-support/retention-probe';
import { FilingPublisher } from './filing-publisher';

const RETENTION_MS = 600;

/**
 * Publishing trims what is past the retention; `trimExpired` does the same between publishes, so
 * that a quiet spell leaves no entry replayable with `since` after its seen-mark expired.
 */
describe('FilingPublisher.trimExpired', () => {
  const contexts: Array<{ close(): Promise<void> }> = [];
  afterAll(() => Promise.all(contexts.map((c) => c.close())));

  async function tenant(name: string) {
    const ctx = redisTestContext(`trim-expired-${name}`);
    contexts.push(ctx);
    const client: TestClient = await ctx.connect();
    const publisher = new FilingPublisher(client, {
      keys: ctx.keys,
      retentionMs: RETENTION_MS,
    });
    return { keys: ctx.keys, client, publisher };
  }

  it('removes the stream entries and latest members a quiet spell left past the retention', async () => {
    const { keys, client, publisher } = await tenant('quiet');
    const filings = testFilings(3, 0, { filedAtMs: Date.now() });
    await publisher.publishBatch(filings);
    await pause(RETENTION_MS + 100);

    // Nothing published since: the entries are still replayable, their documents gone.
    expect(await streamEntries(client, keys)).toHaveLength(3);
    expect(await client.exists(keys.filing(filings[0].accessionNo))).toBe(0);

    expect(await publisher.trimExpired()).toBe(3);
    expect(await streamEntries(client, keys)).toEqual([]);
    expect(await client.exists(keys.latest)).toBe(0);
  });

  it('keeps what is within the retention, and a re-sent filing stays a duplicate', async () => {
    const { keys, client, publisher } = await tenant('fresh');
    const filing = testFiling(1, { filedAtMs: Date.now() });
    const first = await publisher.publish(filing);
    expect(await publisher.trimExpired()).toBe(0);
    expect((await streamEntries(client, keys)).map((e) => e.position)).toEqual([
      first.position,
    ]);
    expect(await client.zCard(keys.latest)).toBe(1);
    expect(await publisher.publish(filing)).toEqual({
      status: 'duplicate',
      position: first.position,
    });
  });

  describe('on a Redis that is out of memory', () => {
    let server: RedisProcess;
    let client: RedisClientType;

    beforeAll(async () => {
      server = await createRedisProcess();
      await server.start();
      client = await connectRawRedis(server.url);
    });

    afterAll(async () => {
      client.destroy();
      await server.dispose();
    });

    it('still trims (it only deletes) while publishing is refused', async () => {
      const keys = createRedisKeys('oom:');
      const publisher = new FilingPublisher(client, {
        keys,
        retentionMs: RETENTION_MS,
      });
      await publisher.publishBatch(
        testFilings(3, 0, { filedAtMs: Date.now() }),
      );
      await client.configSet('maxmemory', '1');
      await expect(
        publisher.publish(testFiling(9, { filedAtMs: Date.now() })),
      ).rejects.toThrow(/OOM/);

      await pause(RETENTION_MS + 100);
      expect(await publisher.trimExpired()).toBe(3);
      expect(await client.xLen(keys.stream)).toBe(0);
    });
  });
});
