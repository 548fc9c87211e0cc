import { parseFilingFilters } from '@secfeed/filing-model';
import { createLogger, routedCommands } from '@secfeed/service-runtime';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  uniqueKeyPrefix,
  type TestRedis,
} from '@secfeed/test-kit';
import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import type { ClientSession } from './client-session';
import { RollbackWatch } from './rollback-watch';

/** A session as the watch sees it: its filters (none: not subscribed) and what it was sent. */
function fakeSession(filters?: Record<string, unknown>) {
  const sent: Array<Record<string, unknown>> = [];
  const parsed = filters && parseFilingFilters(filters);
  const session = {
    open: true,
    filters: parsed && parsed.ok ? parsed.filters : undefined,
    sendJson: (message: Record<string, unknown>) => (sent.push(message), true),
  } as unknown as ClientSession;
  return { session, sent };
}

/** On real Redis: the stream's state after a rollback, a trim, or nothing at all. */
describe('RollbackWatch', () => {
  let redis: TestRedis;
  const prefix = uniqueKeyPrefix('rollback-watch');
  beforeAll(async () => {
    redis = await connectTestRedis();
  });
  afterAll(async () => {
    await deleteKeysWithPrefix(redis, prefix);
    await redis.close();
  });

  async function setUp(name: string) {
    const streamKey = `${prefix}stream:{${prefix}sec}:${name}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(await redis.xAdd(streamKey, '*', { accessionNo: `a${i}` }));
    const logs: string[] = [];
    const registry = new Registry();
    const all = fakeSession({});
    const tickers = fakeSession({ tickers: ['jpm'] });
    const idle = fakeSession();
    let delivered = ids[4];
    const watch = new RollbackWatch({
      redis: routedCommands(redis, streamKey),
      streamKey,
      lastDelivered: () => delivered,
      sessions: () => [all.session, tickers.session, idle.session],
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
    });
    const rollbacks = async () =>
      (
        await registry
          .getSingleMetric('secfeed_gateway_stream_rollbacks_total')
          ?.get()
      )?.values[0]?.value ?? 0;
    return {
      streamKey,
      ids,
      watch,
      logs,
      all,
      tickers,
      idle,
      rollbacks,
      deliver: (id: string) => (delivered = id),
    };
  }

  it('tells every subscribed client recovered:false, once, when the last entry delivered was lost and counted as deleted', async () => {
    const s = await setUp('lost');
    expect(await s.watch.check()).toBe(false);
    // What ingest leaves after a failover lost the newest entries: gone, and counted as deleted.
    await redis.xDel(s.streamKey, [s.ids[3], s.ids[4]]);

    expect(await s.watch.check()).toBe(true);
    expect(s.all.sent).toEqual([
      {
        type: 'subscribed',
        position: s.ids[4],
        recovered: false,
        filters: {
          tickers: [],
          ciks: [],
          formTypes: [],
          includeAmendments: true,
        },
      },
    ]);
    expect(s.tickers.sent).toEqual([
      expect.objectContaining({
        recovered: false,
        filters: expect.objectContaining({ tickers: ['JPM'] }),
      }),
    ]);
    expect(s.idle.sent).toEqual([]);
    expect(s.logs).toEqual([
      'stream rolled back; clients told recovered:false',
    ]);
    expect(await s.rollbacks()).toBe(1);
    // Once per rollback: the same position lost is not told again.
    expect(await s.watch.check()).toBe(false);
    expect(s.all.sent).toHaveLength(1);
  });

  it('tells the clients even when the entries published again were delivered before it looked', async () => {
    const s = await setUp('republished');
    expect(await s.watch.check()).toBe(false);
    await redis.xDel(s.streamKey, [s.ids[3], s.ids[4]]);
    // Ingest published the lost filings again above the mark, and this gateway already sent them.
    s.deliver(await redis.xAdd(s.streamKey, '*', { accessionNo: 'a3' }));

    expect(await s.watch.check()).toBe(true);
    expect(s.all.sent).toEqual([
      expect.objectContaining({ type: 'subscribed', recovered: false }),
    ]);
    expect(await s.rollbacks()).toBe(1);
  });

  it('tells nobody of entries deleted before it first looked', async () => {
    const s = await setUp('before');
    await redis.xDel(s.streamKey, [s.ids[4]]);
    expect(await s.watch.check()).toBe(false);
    expect(await s.watch.check()).toBe(false);
    expect(s.all.sent).toEqual([]);
  });

  it('tells nobody when the last entry delivered is still there, or was trimmed by the retention', async () => {
    const s = await setUp('kept');
    expect(await s.watch.check()).toBe(false);
    await redis.xTrim(s.streamKey, 'MAXLEN', 0);
    expect(await s.watch.check()).toBe(false);
    s.deliver('0-0');
    expect(await s.watch.check()).toBe(false);
    expect([s.all.sent, s.tickers.sent, s.logs]).toEqual([[], [], []]);
    expect(await s.rollbacks()).toBe(0);
  });
});
