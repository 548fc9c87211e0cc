import { FilingPublisher } from '@secfeed/dedup';
import type { Filing } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { createRedisKeys } from '@secfeed/redis-keys';
import { createLogger, routedCommands } from '@secfeed/service-runtime';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  uniqueKeyPrefix,
  type TestRedis,
} from '@secfeed/test-kit';
import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { LostWriteRecovery } from './lost-write-recovery';

const DAY_MS = 86_400_000;

/**
 * On real Redis: filings published through the recovery's publisher, then the newest ones taken
 * out of Redis as a failover to a lagging replica takes them (entry and seen-mark), then the
 * connection lost and back.
 */
describe('LostWriteRecovery', () => {
  let redis: TestRedis;
  const prefixes: string[] = [];
  beforeAll(async () => {
    redis = await connectTestRedis();
  });
  afterAll(async () => {
    for (const prefix of prefixes) await deleteKeysWithPrefix(redis, prefix);
    await redis.close();
  });

  /** `redis` whose first `count` commands fail as a Redis still loading its AOF answers. */
  function loading(count: number): TestRedis {
    let failures = count;
    return new Proxy(redis, {
      get(target, prop) {
        if (prop === 'sendCommand')
          return (args: string[]) =>
            failures-- > 0
              ? Promise.reject(
                  new Error('LOADING Redis is loading the dataset in memory'),
                )
              : Reflect.apply(target.sendCommand, target, [args]);
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }

  async function setUp(recoveryRedis: TestRedis = redis) {
    const prefix = uniqueKeyPrefix('lost-writes');
    prefixes.push(prefix);
    const keys = createRedisKeys(prefix);
    const republished: Filing[][] = [];
    const logs: string[] = [];
    const registry = new Registry();
    const recovery = new LostWriteRecovery({
      redis: recoveryRedis,
      retryMs: 20,
      streamKey: keys.stream,
      registry,
      logger: createLogger(
        'test',
        'info',
        new Writable({
          write: (chunk: Buffer, _e, done) => {
            logs.push(JSON.parse(chunk.toString()).msg);
            done();
          },
        }),
      ),
      republish: (filings) => republished.push([...filings]),
    });
    const publisher = recovery.recording(
      new FilingPublisher(redis, { keys, retentionMs: DAY_MS }),
    );
    const filings = Array.from({ length: 10 }, (_, i) =>
      makeFiling({
        accessionNo: `0000000001-26-${String(i).padStart(6, '0')}`,
      }),
    );
    const positions = (await publisher.publishBatch(filings)).map(
      (r) => r.position,
    );
    /** What a replica that missed the newest `count` writes holds once promoted. */
    const loseNewest = async (count: number) => {
      for (let i = filings.length - count; i < filings.length; i++) {
        await redis.xDel(keys.stream, positions[i]);
        await redis.del(keys.seen(filings[i].accessionNo));
      }
    };
    const republishedCount = async () =>
      (
        await registry
          .getSingleMetric('secfeed_ingest_lost_writes_republished_total')
          ?.get()
      )?.values[0]?.value ?? 0;
    const streamInfo = async () => {
      const info = (await routedCommands(redis, keys.stream).sendCommand([
        'XINFO',
        'STREAM',
        keys.stream,
      ])) as unknown[];
      const field = (name: string) => String(info[info.indexOf(name) + 1]);
      return {
        lastGenerated: field('last-generated-id'),
        maxDeleted: field('max-deleted-entry-id'),
      };
    };
    return {
      keys,
      recovery,
      publisher,
      filings,
      positions,
      republished,
      logs,
      loseNewest,
      republishedCount,
      streamInfo,
    };
  }

  it('after a reconnect, hands back exactly the acknowledged filings the stream lost, in order, and marks their positions deleted', async () => {
    const s = await setUp();
    s.recovery.redisUp(false);
    await s.loseNewest(3);
    await s.recovery.redisUp(true);

    expect(s.republished).toEqual([s.filings.slice(7)]);
    expect(s.logs).toEqual([
      'Redis lost acknowledged filings; publishing them again',
    ]);
    expect(await s.republishedCount()).toBe(3);
    // Every position up to the newest lost one counts as deleted; new IDs come after it.
    const [ms, seq] = s.positions[9].split('-');
    const after = `${ms}-${Number(seq) + 1}`;
    expect(await s.streamInfo()).toEqual({
      lastGenerated: after,
      maxDeleted: after,
    });
  });

  it('holds a publish issued during the check until the stream is marked and the lost filings are handed back', async () => {
    const s = await setUp();
    s.recovery.redisUp(false);
    await s.loseNewest(2);
    const order: string[] = [];
    const checked = s.recovery.redisUp(true).then(() => order.push('checked'));
    const [result] = await s.publisher.publishBatch([
      makeFiling({ accessionNo: '0000000001-26-000100' }),
    ]);
    order.push('published');
    await checked;
    expect(s.republished).toEqual([s.filings.slice(8)]);
    expect(order).toEqual(['checked', 'published']);
    const { maxDeleted } = await s.streamInfo();
    expect(result.position > maxDeleted).toBe(true);
  });

  it('holds a publish issued while a failed check waits for its retry, until the retry has marked the stream', async () => {
    const s = await setUp(loading(1));
    s.recovery.redisUp(false);
    await s.loseNewest(3);
    const order: string[] = [];
    const checked = s.recovery.redisUp(true).then(() => order.push('checked'));
    await new Promise((resolve) => setTimeout(resolve, 5)); // the first check has failed
    expect(s.logs).toEqual(['Lost-write check failed; retrying']);
    await s.publisher
      .publishBatch([makeFiling({ accessionNo: '0000000001-26-000100' })])
      .then(() => order.push('published'));
    await checked;
    expect(order).toEqual(['checked', 'published']);
    expect(s.republished).toEqual([s.filings.slice(7)]);
    expect(s.logs).toEqual([
      'Lost-write check failed; retrying',
      'Redis lost acknowledged filings; publishing them again',
    ]);
  });

  it('lets publishes go on when the connection is lost again while a failed check waits, and checks at the next reconnect', async () => {
    const s = await setUp(loading(1));
    s.recovery.redisUp(false);
    await s.loseNewest(3);
    const checked = s.recovery.redisUp(true);
    await new Promise((resolve) => setTimeout(resolve, 5)); // the first check has failed
    s.recovery.redisUp(false); // a dying server accepted the reconnect, then reset it
    await checked; // no retry while Redis is away
    expect(s.logs).toEqual(['Lost-write check failed; retrying']);
    // Not held: while Redis is away a publish fails and the pipeline buffers it.
    const publishing = s.publisher.publishBatch([
      makeFiling({ accessionNo: '0000000001-26-000100' }),
    ]);
    await expect(publishing).resolves.toHaveLength(1);
    expect(s.republished).toEqual([]);

    await s.recovery.redisUp(true);
    expect(s.republished).toEqual([s.filings.slice(7)]);
  });

  it('does not take an insights entry of the same accession number at a lost position for the filing', async () => {
    const s = await setUp();
    s.recovery.redisUp(false);
    await s.loseNewest(2);
    // A new master with a slower clock hands the lost filing's position to its insights entry.
    const keys = createRedisKeys(prefixes[prefixes.length - 1]);
    await routedCommands(redis, keys.stream).sendCommand([
      'XSETID',
      keys.stream,
      s.positions[7],
    ]);
    await redis.xAdd(keys.stream, s.positions[8], {
      accessionNo: s.filings[8].accessionNo,
      kind: 'insights',
      data: JSON.stringify({ ...s.filings[8], insights: {} }),
    });
    await s.recovery.redisUp(true);
    expect(s.republished).toEqual([s.filings.slice(8)]);
  });

  it('hands back every acknowledged filing when a restart rolled the stream back to before all of them (the stream itself remains)', async () => {
    const s = await setUp();
    s.recovery.redisUp(false);
    // What an AOF that lost its tail loads: the entries gone, and the stream's last generated
    // ID back where it was before them.
    await s.loseNewest(10);
    const [ms] = s.positions[0].split('-');
    await routedCommands(redis, s.keys.stream).sendCommand([
      'XSETID',
      s.keys.stream,
      `${Number(ms) - 1}-0`,
    ]);
    await s.recovery.redisUp(true);

    expect(s.republished).toEqual([s.filings]);
    expect(await s.republishedCount()).toBe(10);
  });

  it('hands back nothing when every acknowledged filing survived, when all were trimmed, or when the stream is gone (a Redis replaced empty is not a rollback)', async () => {
    const survived = await setUp();
    survived.recovery.redisUp(false);
    await survived.recovery.redisUp(true);

    // Retention or MAXLEN took them: the last generated ID stays where it was.
    const trimmed = await setUp();
    trimmed.recovery.redisUp(false);
    await trimmed.loseNewest(10);
    await trimmed.recovery.redisUp(true);

    const replaced = await setUp();
    replaced.recovery.redisUp(false);
    await replaced.loseNewest(10);
    await redis.del(replaced.keys.stream);
    await replaced.recovery.redisUp(true);
    for (const s of [survived, trimmed, replaced]) {
      expect(s.logs).toEqual(['Redis back; no acknowledged filing lost']);
      expect(s.republished).toEqual([]);
      expect(await s.republishedCount()).toBe(0);
    }
  });

  it('checks nothing when the connection was never lost', async () => {
    const s = await setUp();
    await s.loseNewest(2);
    await s.recovery.redisUp(true);
    expect(s.logs).toEqual([]);
    expect(s.republished).toEqual([]);
  });
});
