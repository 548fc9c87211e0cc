// Insight filters over a real gateway and real Redis (docs/protocol.md, "Insight filters"): the
// stream is written here with the stored format's own encoders, filings and their insights
// entries, as dedup's scripts write them.
import type {
  Filing,
  FilingInsights,
  OwnershipTransaction,
} from '@secfeed/filing-model';
import {
  encodeInsightsEntry,
  encodeStreamEntry,
} from '@secfeed/filing-model/stored';
import { makeFiling } from '@secfeed/filing-model/testing';
import { waitUntil } from '@secfeed/test-kit';
import {
  connectTestRedis,
  startGateway,
  type TestGateway,
  type TestRedis,
} from './test-support/realtime-harness';
import { TestClient, type ServerMessage } from './test-support/test-client';

const tx = (
  code: string,
  shares: number,
  price: number | null,
): OwnershipTransaction => ({
  security: 'Common Stock',
  date: '2025-03-10',
  code,
  acquired: code === 'P',
  shares,
  price,
  sharesAfter: null,
  derivative: false,
  direct: true,
});
const ownership = (
  ...transactions: OwnershipTransaction[]
): FilingInsights => ({
  ownership: {
    issuer: { cik: '1000', name: 'Acme', ticker: 'ACME' },
    owners: [],
    transactions,
    tenb51: false,
  },
});

const INSIDER_BUYS = { transactionCodes: ['P'], minTransactionValue: 100000 };

describe('realtime: insight filters', () => {
  let redis: TestRedis;
  let gateway: TestGateway;
  const clients: TestClient[] = [];

  const connect = async () => {
    const client = await TestClient.connect(gateway.url);
    clients.push(client);
    return client;
  };
  const subscribe = async (fields: Record<string, unknown>) => {
    const client = await connect();
    const reply = await client.request({
      action: 'subscribe_sec_filings',
      ...fields,
    });
    expect(reply).toMatchObject({ type: 'subscribed' });
    return { client, reply };
  };
  /** Appends entries to the stream as dedup writes them; returns their positions. */
  const append = async (
    entries: Array<{ filing: Filing; insights?: FilingInsights }>,
  ) => {
    const positions: string[] = [];
    for (const { filing, insights } of entries) {
      const fields = insights
        ? encodeInsightsEntry({ ...filing, insights })
        : encodeStreamEntry(filing);
      positions.push(
        await redis.client.xAdd(redis.keys.stream, '*', { ...fields }),
      );
    }
    return positions;
  };
  const delivered = (client: TestClient) =>
    client.received.filter(
      (m) => m.type === 'sec_filing' || m.type === 'sec_filing_insights',
    );
  /**
   * Waits for the answer to a ping: every frame the gateway wrote to `client` before it has
   * arrived, so what is missing then was not sent.
   */
  const drained = async (client: TestClient) => {
    const pongs = () => client.received.filter((m) => m.type === 'pong').length;
    const before = pongs();
    client.send({ action: 'ping' });
    await waitUntil(() => pongs() > before, 'a pong');
  };
  /** Waits until `client` holds a message at `position` (everything before it was sent). */
  const reached = (client: TestClient, position: string) =>
    waitUntil(
      () => client.received.some((m) => m.position === position),
      `the entry at ${position}`,
    );

  // Form 4s: a purchase of $250,000, one of $2,500, a sale of $1.5M with a $10 purchase on the
  // side; an 8-K; a filing whose insights never come.
  const bigBuy = makeFiling({ formType: '4', ticker: 'ACME' });
  const smallBuy = makeFiling({ formType: '4', ticker: 'ACME' });
  const bigSale = makeFiling({ formType: '4', ticker: 'ACME' });
  const results = makeFiling({ formType: '8-K', ticker: 'ACME' });
  const bare = makeFiling({ formType: '4', ticker: 'ACME' });
  const STREAM = [
    { filing: bigBuy },
    { filing: smallBuy },
    { filing: bigBuy, insights: ownership(tx('P', 10_000, 25)) },
    { filing: bigSale },
    { filing: smallBuy, insights: ownership(tx('P', 100, 25)) },
    { filing: results },
    {
      filing: bigSale,
      insights: ownership(tx('S', 50_000, 30), tx('P', 10, 1)),
    },
    {
      filing: results,
      insights: { items: [{ code: '2.02', title: 'Results' }] },
    },
    { filing: bare },
  ];

  beforeEach(async () => {
    redis = await connectTestRedis('rt-insight-filters');
    gateway = await startGateway(redis.client, redis.keys);
    await waitUntil(
      () => gateway.realtime.readiness().readerRunning,
      'the reader',
    );
  });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await gateway.close();
    await redis.close();
  });

  it('sends insider purchases of $100k or more as one insights message with the filing, and nothing else', async () => {
    const { client, reply } = await subscribe({ filters: INSIDER_BUYS });
    expect(reply['filters']).toEqual({
      tickers: [],
      ciks: [],
      formTypes: [],
      includeAmendments: true,
      transactionCodes: ['P'],
      minTransactionValue: 100000,
    });
    const { client: everything } = await subscribe({});
    const positions = await append(STREAM);
    await reached(everything, positions[positions.length - 1]);
    await drained(client);

    expect(delivered(client)).toEqual([
      {
        type: 'sec_filing_insights',
        position: positions[2],
        accessionNo: bigBuy.accessionNo,
        insights: STREAM[2].insights,
        filing: expect.objectContaining({
          accessionNo: bigBuy.accessionNo,
          formType: '4',
          insights: STREAM[2].insights,
        }) as unknown,
      },
    ]);
    // A subscription without insight filters gets every entry, filings and insights, in order.
    expect(delivered(everything).map((m: ServerMessage) => m.position)).toEqual(
      positions,
    );
  });

  it('ANDs insight filters with the lists and finds insight-only subscribers beside indexed ones', async () => {
    const { client: items } = await subscribe({ filters: { items: ['2.02'] } });
    const { client: acmeSales } = await subscribe({
      filters: { tickers: ['acme'], transactionCodes: ['S'] },
    });
    const { client: otherTicker } = await subscribe({
      filters: { tickers: ['MSFT'], ...INSIDER_BUYS },
    });
    const { client: forms } = await subscribe({
      filters: { formTypes: ['4'], minTransactionValue: 1_000_000 },
    });
    const { client: everything } = await subscribe({});
    const positions = await append(STREAM);
    await reached(everything, positions[positions.length - 1]);
    for (const client of [items, acmeSales, otherTicker, forms])
      await drained(client);
    const at = (client: TestClient) =>
      delivered(client).map((m) => positions.indexOf(String(m.position)));
    expect(at(items)).toEqual([7]);
    expect(at(acmeSales)).toEqual([6]);
    expect(at(otherTicker)).toEqual([]);
    expect(at(forms)).toEqual([6]);
  });

  it('replays the matching insights after `since`, in order, as live', async () => {
    const [first] = await append([{ filing: makeFiling({ formType: '8-K' }) }]);
    const positions = await append(STREAM);
    const { client } = await subscribe({ filters: INSIDER_BUYS, since: first });
    await reached(client, positions[2]);
    const { client: everything } = await subscribe({});
    const later = await append([
      { filing: bigBuy, insights: ownership(tx('P', 4_000, 25)) },
    ]);
    await reached(everything, later[0]);
    await drained(client);
    expect(delivered(client).map((m) => m.position)).toEqual([
      positions[2],
      later[0],
    ]);
  });

  it.each([
    [{ items: ['2.2'] }, 'INVALID_ITEM'],
    [{ transactionCodes: ['Q'] }, 'INVALID_TRANSACTION_CODE'],
    [{ minTransactionValue: '100000' }, 'INVALID_MIN_TRANSACTION_VALUE'],
    [{ tenb51: 'yes' }, 'INVALID_TENB51'],
    [{ minStakePercent: 120 }, 'INVALID_MIN_STAKE_PERCENT'],
  ])('answers %j with an error frame %s', async (filters, code) => {
    const client = await connect();
    const reply = await client.request({
      action: 'subscribe_sec_filings',
      filters,
    });
    expect(reply).toMatchObject({ type: 'error', code });
    expect(await client.request({ action: 'ping' })).toEqual({ type: 'pong' });
  });
});
