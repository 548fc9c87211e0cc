import { MAX_FILTER_VALUES } from '@secfeed/filing-model';
import { waitUntil } from '@secfeed/test-kit';
import {
  connectTestRedis,
  startGateway,
  type TestGateway,
  type TestRedis,
} from './test-support/realtime-harness';
import { TestClient } from './test-support/test-client';

describe('realtime: the WebSocket protocol (contracts.md §3)', () => {
  let redis: TestRedis;
  let gateway: TestGateway;
  const clients: TestClient[] = [];
  let witness: TestClient;

  const connect = async () => {
    const client = await TestClient.connect(gateway.url);
    clients.push(client);
    return client;
  };

  /** Subscribes and returns the `subscribed` reply. */
  const subscribed = async (
    client: TestClient,
    fields: Record<string, unknown> = {},
  ) => {
    const reply = await client.request({
      action: 'subscribe_sec_filings',
      ...fields,
    });
    expect(reply).toMatchObject({ type: 'subscribed', recovered: true });
    return reply;
  };

  beforeEach(async () => {
    redis = await connectTestRedis('rt-protocol');
    gateway = await startGateway(redis.client, redis.keys);
    witness = await connect();
    await subscribed(witness);
  });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await gateway.close();
    await redis.close();
  });

  it('answers ping with pong, before and after subscribing', async () => {
    const client = await connect();
    expect(await client.request({ action: 'ping' })).toEqual({ type: 'pong' });
    await subscribed(client);
    expect(await client.request({ action: 'ping' })).toEqual({ type: 'pong' });
  });

  it('subscribes without filters: subscribed with the newest position, then every filing', async () => {
    const [before] = await redis.publish({});
    await waitUntil(
      () => gateway.realtime.readiness().readerRunning,
      'the reader',
    );
    const client = await connect();
    const reply = await subscribed(client);
    expect(reply).toEqual({
      type: 'subscribed',
      position: before,
      recovered: true,
      filters: {
        tickers: [],
        ciks: [],
        formTypes: [],
        includeAmendments: true,
      },
    });
    const positions = await redis.publish(
      { ticker: 'AAPL' },
      { ticker: '' },
      { formType: '4' },
    );
    expect(await client.waitForFilings(3)).toEqual(positions);
    const filing = client.received.find((m) => m.type === 'sec_filing');
    expect(filing).toMatchObject({
      position: positions[0],
      data: { ticker: 'AAPL', source: 'replay' },
    });
    expect(Object.keys(filing ?? {})).toEqual(['type', 'position', 'data']);
  });

  it.each([
    ['tickers, any case', { tickers: ['aapl', 'Msft'] }, [0, 1]],
    [
      'numeric CIKs, with zeros or as numbers',
      { ciks: ['0000320193', 789019] },
      [0, 1],
    ],
    ['form types, any case, with amendments', { formTypes: ['10-k'] }, [0, 2]],
    [
      'form types without amendments',
      { formTypes: ['10-K'], includeAmendments: false },
      [0],
    ],
    [
      'every list at once (AND across, OR within)',
      { tickers: ['AAPL', 'MSFT'], formTypes: ['8-K'] },
      [1],
    ],
    ['an amendment form itself', { formTypes: ['10-K/A'] }, [2]],
  ])(
    'filters by %s',
    async (_label, filters: Record<string, unknown>, expected) => {
      const client = await connect();
      const reply = await subscribed(client, { filters });
      expect(reply['filters']).toMatchObject({
        includeAmendments: filters['includeAmendments'] ?? true,
      });
      const positions = await redis.publish(
        { ticker: 'AAPL', cik: '320193', formType: '10-K' },
        { ticker: 'MSFT', cik: '789019', formType: '8-K' },
        { ticker: 'GOOG', cik: '1652044', formType: '10-K/A' },
        { ticker: '', cik: '1999999', formType: '4' },
      );
      await settle(positions, client);
      expect(client.filingPositions()).toEqual(
        expected.map((i) => positions[i]),
      );
    },
  );

  it('echoes the normalized filters', async () => {
    const client = await connect();
    const reply = await subscribed(client, {
      filters: {
        tickers: [' aapl '],
        ciks: [320193, '0000789019'],
        formTypes: ['10-k'],
      },
    });
    expect(reply['filters']).toEqual({
      tickers: ['AAPL'],
      ciks: ['320193', '789019'],
      formTypes: ['10-K'],
      includeAmendments: true,
    });
  });

  it('replaces the filters when subscribing again', async () => {
    const client = await connect();
    await subscribed(client, { filters: { tickers: ['AAPL'] } });
    await subscribed(client, { filters: { tickers: ['MSFT'] } });
    const positions = await redis.publish(
      { ticker: 'AAPL' },
      { ticker: 'MSFT' },
    );
    await settle(positions, client);
    expect(client.filingPositions()).toEqual([positions[1]]);
  });

  it('stops after unsubscribe and keeps the connection open', async () => {
    const client = await connect();
    await subscribed(client);
    const [first] = await redis.publish({});
    await client.waitForFilings(1);
    expect(await client.request({ action: 'unsubscribe_sec_filings' })).toEqual(
      { type: 'unsubscribed' },
    );
    await settle(await redis.publish({}, {}), client);
    expect(client.filingPositions()).toEqual([first]);
    expect(await gateway.metrics.subscriptions.get()).toMatchObject({
      values: [{ value: 1 }],
    });
  });

  it.each([
    ['not JSON', 'INVALID_JSON', '{"action":'],
    ['not an object', 'NOT_AN_OBJECT', '["subscribe_sec_filings"]'],
    ['a JSON string', 'NOT_AN_OBJECT', '"ping"'],
    ['no action', 'UNKNOWN_ACTION', '{}'],
    ['an unknown action', 'UNKNOWN_ACTION', '{"action":"subscribe"}'],
    [
      'invalid filters',
      'INVALID_FILTERS',
      '{"action":"subscribe_sec_filings","filters":{"tickers":"AAPL"}}',
    ],
    [
      'an unknown filter',
      'INVALID_FILTERS',
      '{"action":"subscribe_sec_filings","filters":{"ticker":["AAPL"]}}',
    ],
    [
      'too many tickers',
      'TOO_MANY_VALUES',
      JSON.stringify({
        action: 'subscribe_sec_filings',
        filters: {
          tickers: Array.from(
            { length: MAX_FILTER_VALUES + 1 },
            (_, i) => `T${i}`,
          ),
        },
      }),
    ],
    [
      'a bad since',
      'INVALID_SINCE',
      '{"action":"subscribe_sec_filings","since":"last-tuesday"}',
    ],
    [
      'a bad snapshot',
      'INVALID_SNAPSHOT',
      '{"action":"subscribe_sec_filings","snapshot":501}',
    ],
  ])('answers %s with %s and stays open', async (_label, code, frame) => {
    const client = await connect();
    client.ws.send(frame);
    const reply = await client.next();
    expect(reply).toEqual({ type: 'error', code, message: expect.any(String) });
    expect(await client.request({ action: 'ping' })).toEqual({ type: 'pong' });
    expect(await gateway.metrics.errors.get()).toMatchObject({
      values: [{ labels: { code }, value: 1 }],
    });
  });

  it('answers a binary frame with BINARY_NOT_SUPPORTED and stays open', async () => {
    const client = await connect();
    client.ws.send(Buffer.from('{"action":"ping"}'), { binary: true });
    expect(await client.next()).toMatchObject({
      type: 'error',
      code: 'BINARY_NOT_SUPPORTED',
    });
    expect(await client.request({ action: 'ping' })).toEqual({ type: 'pong' });
  });

  it('keeps a client subscribed after a bad message', async () => {
    const client = await connect();
    await subscribed(client, { filters: { tickers: ['AAPL'] } });
    expect(
      await client.request({ action: 'subscribe_sec_filings', since: 'x' }),
    ).toMatchObject({ code: 'INVALID_SINCE' });
    const [aapl] = await redis.publish({ ticker: 'AAPL' });
    expect(await client.waitForFilings(1)).toEqual([aapl]);
  });

  /**
   * Waits until the gateway has broadcast `positions` (a witness subscribed to everything got
   * them), then until `client` has everything written to it before (a ping round trip: frames
   * on one socket arrive in order).
   */
  async function settle(
    positions: string[],
    client: TestClient,
  ): Promise<void> {
    await waitUntil(
      () => positions.every((p) => witness.filingPositions().includes(p)),
      'the witness',
    );
    expect(await client.request({ action: 'ping' })).toEqual({ type: 'pong' });
  }
});
