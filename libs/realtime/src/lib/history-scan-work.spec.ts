// What one client can make Redis do with replays and snapshots, counted by Redis itself
// (INFO commandstats of a private server, so no other test's commands are counted): a scan
// whose subscription was replaced or whose client left reads no further page, and a burst of
// subscribes costs about one scan, not one scan each.
import {
  createRedisProcess,
  waitUntil,
  type RedisProcess,
} from '@secfeed/test-kit';
import { makeFiling } from '@secfeed/filing-model/testing';
import {
  connectTestRedis,
  startGateway,
  type TestGateway,
  type TestRedis,
} from './test-support/realtime-harness';
import { TestClient } from './test-support/test-client';

/** Stream entries: 150 replay pages of 200, past a client's burst of 100 pages. */
const ENTRIES = 30_000;
/** Pages of a full snapshot scan (the newest 10,000 entries, 200 a page). */
const SNAPSHOT_PAGES = 50;
/** A filter no entry matches, so a scan reads every page it may. */
const NOTHING = { tickers: ['NO-SUCH-TICKER'] };

describe('realtime: the work history scans cause', () => {
  let server: RedisProcess;
  let redis: TestRedis;
  let gateway: TestGateway;
  let first: string;
  const clients: TestClient[] = [];

  /** Calls of `command` Redis has served so far. */
  const calls = async (command: 'xrange' | 'xrevrange') => {
    const stats = await redis.client.info('commandstats');
    const match = new RegExp(`^cmdstat_${command}:calls=(\\d+)`, 'm').exec(
      stats,
    );
    return Number(match?.[1] ?? 0);
  };
  const scansRunning = async () =>
    (await gateway.metrics.historyScans.get()).values[0]?.value ?? 0;
  const connect = async () => {
    const client = await TestClient.connect(gateway.url);
    clients.push(client);
    return client;
  };
  /** Subscribes from the oldest entry with a filter nothing matches: a 150-page replay. */
  const startLongReplay = async (client: TestClient) => {
    const before = await calls('xrange');
    client.send({
      action: 'subscribe_sec_filings',
      since: first,
      filters: NOTHING,
    });
    // Past the burst the replay is paced (a page per 50 ms): it is reading when we act.
    await waitUntil(
      async () => (await calls('xrange')) - before >= 105,
      'the replay to pass 105 pages',
    );
    return { before, seen: (await calls('xrange')) - before };
  };

  beforeAll(async () => {
    server = await createRedisProcess();
    await server.start();
    redis = await connectTestRedis('rt-scan-work', server.url);
    const data = JSON.stringify(makeFiling({ ticker: 'AAPL' }));
    for (let added = 0; added < ENTRIES; added += 5000) {
      const ids = await Promise.all(
        Array.from({ length: 5000 }, () =>
          redis.client.xAdd(redis.keys.stream, '*', {
            accessionNo: 'x',
            data,
          }),
        ),
      );
      first ??= ids[0];
    }
    gateway = await startGateway(redis.client, redis.keys);
  }, 60_000);

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await waitUntil(
      async () => (await scansRunning()) === 0,
      'no scan',
      25_000,
    );
  }, 30_000);

  afterAll(async () => {
    await gateway.close();
    await redis.close().catch(() => undefined);
    await server.dispose();
  });

  it('reads no further page of a replay once its client has left', async () => {
    const client = await connect();
    const { before, seen } = await startLongReplay(client);
    client.close();
    await waitUntil(async () => (await scansRunning()) === 0, 'the scan end');
    const read = (await calls('xrange')) - before;
    // The page in flight when the close arrived, and the paced ones (one per 50 ms) read while
    // it travelled: a few, on a busy machine; a scan that went on would reach 150.
    expect(read).toBeLessThanOrEqual(seen + 5);
    expect(read).toBeLessThan(150);
  });

  it('reads no further page of a replay replaced by a subscribe without history', async () => {
    const client = await connect();
    const { before, seen } = await startLongReplay(client);
    expect(await client.request({ action: 'subscribe_sec_filings' })).toEqual(
      expect.objectContaining({ type: 'subscribed', recovered: true }),
    );
    await waitUntil(async () => (await scansRunning()) === 0, 'the scan end');
    const read = (await calls('xrange')) - before;
    expect(read).toBeLessThanOrEqual(seen + 5);
    expect(read).toBeLessThan(150);
    // The replacing subscription is live.
    const [live] = await redis.publish({});
    expect(await client.waitForFilings(1)).toEqual([live]);
  });

  it('costs about one snapshot scan for twenty subscribes in a burst', async () => {
    const client = await connect();
    const before = await calls('xrevrange');
    for (let i = 0; i < 20; i += 1)
      client.send({
        action: 'subscribe_sec_filings',
        snapshot: 500,
        filters: NOTHING,
      });
    expect(await client.next(25_000)).toMatchObject({ type: 'subscribed' });
    await waitUntil(
      async () => (await scansRunning()) === 0,
      'the scans end',
      25_000,
    );
    const read = (await calls('xrevrange')) - before;
    // The last scan reads its 50 pages; each replaced one at most the page in flight.
    expect(read).toBeGreaterThanOrEqual(SNAPSHOT_PAGES);
    expect(read).toBeLessThanOrEqual(SNAPSHOT_PAGES + 20);
  }, 30_000);
});
