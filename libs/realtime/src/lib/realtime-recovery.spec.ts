import { decodeStreamEntry } from '@secfeed/filing-model/stored';
import { waitUntil } from '@secfeed/test-kit';
import {
  connectTestRedis,
  startGateway,
  type TestGateway,
  type TestRedis,
} from './test-support/realtime-harness';
import { TestClient } from './test-support/test-client';

describe('realtime: since, snapshot and several gateways', () => {
  let redis: TestRedis;
  const gateways: TestGateway[] = [];
  const clients: TestClient[] = [];

  const start = async () => {
    const gateway = await startGateway(redis.client, redis.keys);
    gateways.push(gateway);
    return gateway;
  };
  const connect = async (gateway: TestGateway) => {
    const client = await TestClient.connect(gateway.url);
    clients.push(client);
    return client;
  };
  /** Stream positions after `since` whose ticker is in `tickers` (all when omitted). */
  const expectedAfter = async (since: string, tickers?: string[]) =>
    (await redis.client.xRange(redis.keys.stream, `(${since}`, '+'))
      .filter((e) => {
        const entry = decodeStreamEntry(e.message);
        return (
          !tickers ||
          (entry.ok && tickers.includes(entry.value.filing.ticker ?? ''))
        );
      })
      .map((e) => e.id);

  beforeEach(async () => {
    redis = await connectTestRedis('rt-recovery');
  });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await Promise.all(gateways.splice(0).map((g) => g.close()));
    await redis.close();
  });

  it('replays after since, then goes live with no gap and no duplicate at the seam', async () => {
    const tickers = ['AAPL', 'MSFT'];
    const history = await redis.publish(
      ...Array.from({ length: 700 }, (_, i) => ({ ticker: tickers[i % 2] })),
    );
    const gateway = await start();
    let producing = true;
    let produced = 0;
    const producer = (async () => {
      for (let i = 0; producing; i += 1) {
        await redis.publish({ ticker: tickers[i % 2] });
        produced += 1;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    })();
    // Publishing has begun before the subscriptions...
    await waitUntil(() => produced >= 5, 'the producer to start');
    const all = await connect(gateway);
    const aapl = await connect(gateway);
    const since = history[100];
    all.send({ action: 'subscribe_sec_filings', since });
    aapl.send({
      action: 'subscribe_sec_filings',
      since,
      filters: { tickers: ['aapl'] },
    });
    expect(await all.next()).toMatchObject({
      type: 'subscribed',
      recovered: true,
    });
    expect(await aapl.next()).toMatchObject({
      type: 'subscribed',
      recovered: true,
    });
    // ...and goes on after them: the seam lies inside the production, however slow the machine.
    const producedWhenSubscribed = produced;
    await waitUntil(
      () => produced >= producedWhenSubscribed + 20,
      '20 filings published after the subscriptions',
    );
    producing = false;
    await producer;
    const expectedAll = await expectedAfter(since);
    const expectedAapl = await expectedAfter(since, ['AAPL']);
    expect(expectedAll).toHaveLength(700 - 101 + produced);
    await all.waitForFilings(expectedAll.length);
    await aapl.waitForFilings(expectedAapl.length);
    await all.request({ action: 'ping' });
    await aapl.request({ action: 'ping' });
    expect(all.filingPositions()).toEqual(expectedAll);
    expect(aapl.filingPositions()).toEqual(expectedAapl);
    expect(all.received[0]).toMatchObject({ type: 'subscribed' });
  });

  it('says recovered: false for a trimmed position, sends no history and goes live', async () => {
    const positions = await redis.publish(
      ...Array.from({ length: 10 }, () => ({})),
    );
    await redis.client.xTrim(redis.keys.stream, 'MAXLEN', 3);
    const gateway = await start();
    const client = await connect(gateway);
    const reply = await client.request({
      action: 'subscribe_sec_filings',
      since: positions[2],
    });
    expect(reply).toMatchObject({
      type: 'subscribed',
      position: positions[9],
      recovered: false,
    });
    const [live] = await redis.publish({});
    expect(await client.waitForFilings(1)).toEqual([live]);
  });

  it('replays from the first retained entry and from the newest position', async () => {
    const positions = await redis.publish(
      ...Array.from({ length: 10 }, () => ({})),
    );
    await redis.client.xTrim(redis.keys.stream, 'MAXLEN', 3);
    const gateway = await start();
    const fromFirst = await connect(gateway);
    const fromNewest = await connect(gateway);
    expect(
      await fromFirst.request({
        action: 'subscribe_sec_filings',
        since: positions[7],
      }),
    ).toMatchObject({ recovered: true });
    expect(
      await fromNewest.request({
        action: 'subscribe_sec_filings',
        since: positions[9],
      }),
    ).toMatchObject({ recovered: true });
    expect(await fromFirst.waitForFilings(2)).toEqual(positions.slice(8));
    const [live] = await redis.publish({});
    expect(await fromFirst.waitForFilings(3)).toEqual([
      ...positions.slice(8),
      live,
    ]);
    expect(await fromNewest.waitForFilings(1)).toEqual([live]);
  });

  it('says recovered: false for a position the stream never had', async () => {
    const [position] = await redis.publish({});
    const gateway = await start();
    const client = await connect(gateway);
    const [ms] = position.split('-');
    const future = `${Number(ms) + 3_600_000}-0`;
    expect(
      await client.request({ action: 'subscribe_sec_filings', since: future }),
    ).toMatchObject({ recovered: false });
  });

  it('sends a snapshot of the newest matching filings, oldest first, then live ones', async () => {
    const positions = await redis.publish(
      ...Array.from({ length: 12 }, (_, i) => ({
        ticker: i % 3 === 0 ? 'AAPL' : 'MSFT',
      })),
    );
    const aapl = positions.filter((_, i) => i % 3 === 0);
    const gateway = await start();
    const client = await connect(gateway);
    const reply = await client.request({
      action: 'subscribe_sec_filings',
      snapshot: 3,
      filters: { tickers: ['AAPL'] },
    });
    expect(reply).toMatchObject({
      type: 'subscribed',
      position: positions[11],
      recovered: true,
    });
    expect(await client.waitForFilings(3)).toEqual(aapl.slice(-3));
    const [, live] = await redis.publish(
      { ticker: 'MSFT' },
      { ticker: 'AAPL' },
    );
    expect(await client.waitForFilings(4)).toEqual([...aapl.slice(-3), live]);
    expect(client.received.map((m) => m.type)).toEqual([
      'subscribed',
      'sec_filing',
      'sec_filing',
      'sec_filing',
      'sec_filing',
    ]);
  });

  it('sends what it has when the snapshot asks for more, and nothing for snapshot 0', async () => {
    const positions = await redis.publish({}, {});
    const gateway = await start();
    const many = await connect(gateway);
    const none = await connect(gateway);
    await many.request({ action: 'subscribe_sec_filings', snapshot: 500 });
    await none.request({ action: 'subscribe_sec_filings', snapshot: 0 });
    expect(await many.waitForFilings(2)).toEqual(positions);
    await none.request({ action: 'ping' });
    expect(none.filingPositions()).toEqual([]);
  });

  it('ignores snapshot when since is given', async () => {
    const positions = await redis.publish({}, {}, {});
    const gateway = await start();
    const client = await connect(gateway);
    await client.request({
      action: 'subscribe_sec_filings',
      since: positions[1],
      snapshot: 3,
    });
    expect(await client.waitForFilings(1)).toEqual([positions[2]]);
    await client.request({ action: 'ping' });
    expect(client.filingPositions()).toEqual([positions[2]]);
  });

  it('delivers everything from each of two gateways on the same Redis', async () => {
    const [one, two] = [await start(), await start()];
    const a = await connect(one);
    const b = await connect(two);
    await a.request({ action: 'subscribe_sec_filings' });
    await b.request({ action: 'subscribe_sec_filings' });
    const positions = await redis.publish(
      ...Array.from({ length: 50 }, () => ({})),
    );
    expect(await a.waitForFilings(50)).toEqual(positions);
    expect(await b.waitForFilings(50)).toEqual(positions);
    await waitUntil(
      async () =>
        (await one.metrics.filingsBroadcast.get()).values[0]?.value === 50,
      'the metric',
    );
  });
});
