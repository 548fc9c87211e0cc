import { makeFiling } from '@secfeed/filing-model/testing';
import { waitUntil } from '@secfeed/test-kit';
import {
  connectTestRedis,
  startGateway,
  type TestGateway,
  type TestRedis,
} from './test-support/realtime-harness';
import { TestClient, type ServerMessage } from './test-support/test-client';

const INSIGHTS = {
  ownership: {
    issuer: { cik: '320193', name: 'Apple Inc.', ticker: 'AAPL' },
    owners: [],
    transactions: [],
    tenb51: false,
  },
};

/**
 * `sec_filing_insights` end to end on real Redis and real sockets: insights published through
 * dedup (as ingest's insights stage does) reach subscribers live, on `since` replay and in
 * snapshots, after their filing, with the filing included.
 */
describe('realtime: insights messages', () => {
  let redis: TestRedis;
  let gateway: TestGateway;
  const clients: TestClient[] = [];

  const connect = async () => {
    const client = await TestClient.connect(gateway.url);
    clients.push(client);
    return client;
  };
  const feed = (client: TestClient): ServerMessage[] =>
    client.received.filter((m) => m.type.startsWith('sec_filing'));
  /** A Form 4 and a 10-K published, then the Form 4's insights; their three positions. */
  const publishWithInsights = async () => {
    const form4 = makeFiling({ ticker: 'AAPL', cik: '320193', formType: '4' });
    const tenK = makeFiling({
      ticker: 'MSFT',
      cik: '789019',
      formType: '10-K',
    });
    const [p4, p10] = (await redis.publisher.publishBatch([form4, tenK])).map(
      (r) => r.position,
    );
    const { position: pi } = await redis.publisher.publishInsights({
      ...form4,
      insights: INSIGHTS,
    });
    return { form4, positions: [p4, p10, pi] };
  };
  const expectFeed = (
    messages: ServerMessage[],
    form4: ReturnType<typeof makeFiling>,
    positions: string[],
  ) => {
    expect(messages.map((m) => [m.type, m.position])).toEqual([
      ['sec_filing', positions[0]],
      ['sec_filing', positions[1]],
      ['sec_filing_insights', positions[2]],
    ]);
    expect(messages[2]).toEqual({
      type: 'sec_filing_insights',
      position: positions[2],
      accessionNo: form4.accessionNo,
      insights: INSIGHTS,
      filing: { ...JSON.parse(JSON.stringify(form4)), insights: INSIGHTS },
    });
  };

  beforeEach(async () => {
    redis = await connectTestRedis('rt-insights');
    gateway = await startGateway(redis.client, redis.keys);
  });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await gateway.close();
    await redis.close();
  });

  it('sends a live subscriber the insights after their filing, and again on a since replay', async () => {
    // A retained position to resume from: the entry before the three.
    const [before] = await redis.publish({ ticker: 'IBM', cik: '51143' });
    // Filters leave out the IBM filing, whether the gateway's reader delivered it yet or not.
    const filters = { tickers: ['AAPL', 'MSFT'] };
    const live = await connect();
    await live.request({ action: 'subscribe_sec_filings', filters });
    const { form4, positions } = await publishWithInsights();
    await waitUntil(() => feed(live).length === 3, 'three messages');
    expectFeed(feed(live), form4, positions);
    // Counted by their own type, live and replayed alike.
    const sentOf = async (type: string) =>
      (await gateway.metrics.messagesSent.get()).values.find(
        (v) => v.labels['type'] === type,
      )?.value;
    expect(await sentOf('sec_filing_insights')).toBe(1);
    expect(await sentOf('sec_filing')).toBe(2);

    const resumed = await connect();
    const reply = await resumed.request({
      action: 'subscribe_sec_filings',
      filters,
      since: before,
    });
    expect(reply).toMatchObject({ type: 'subscribed', recovered: true });
    await waitUntil(() => feed(resumed).length === 3, 'the replay');
    expectFeed(feed(resumed), form4, positions);
    expect(await sentOf('sec_filing_insights')).toBe(2);
  });

  it('includes the insights in a snapshot, after their filing', async () => {
    const { form4, positions } = await publishWithInsights();
    const client = await connect();
    await client.request({ action: 'subscribe_sec_filings', snapshot: 10 });
    await waitUntil(() => feed(client).length === 3, 'the snapshot');
    expectFeed(feed(client), form4, positions);
  });

  it('sends the insights only to subscribers whose filters match the filing', async () => {
    const apple = await connect();
    const microsoft = await connect();
    await apple.request({
      action: 'subscribe_sec_filings',
      filters: { tickers: ['AAPL'] },
    });
    await microsoft.request({
      action: 'subscribe_sec_filings',
      filters: { tickers: ['MSFT'] },
    });
    const { positions } = await publishWithInsights();
    await waitUntil(
      () => feed(apple).length === 2,
      'the Form 4 and its insights',
    );
    await waitUntil(() => feed(microsoft).length === 1, 'the 10-K');
    expect(feed(apple).map((m) => m.position)).toEqual([
      positions[0],
      positions[2],
    ]);
    expect(feed(microsoft).map((m) => m.type)).toEqual(['sec_filing']);
  });
});
