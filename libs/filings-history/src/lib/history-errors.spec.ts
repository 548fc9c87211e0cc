import { createRedisKeys } from '@secfeed/redis-keys';
import {
  connectRawRedis,
  createRedisProcess,
  RedisProcess,
} from '@secfeed/test-kit';
import { createClient, RedisClientType } from 'redis';
import {
  HistoryTest,
  HistoryTestServer,
  openHistoryTest,
  startHistoryServer,
  TestRedis,
} from './test-support/history-test-server';
import { RETENTION_MS } from './test-support/seed-filings';

describe('GET /api/filings refusals', () => {
  let history: HistoryTest;
  let redis: TestRedis;
  let server: HistoryTestServer;

  beforeAll(async () => {
    history = await openHistoryTest('history-errors');
    ({ redis, server } = history);
  });

  afterAll(() => history?.close());

  it.each([
    ['limit=0', 'INVALID_LIMIT'],
    ['limit=201', 'INVALID_LIMIT'],
    ['limit=ten', 'INVALID_LIMIT'],
    ['limit=1.5', 'INVALID_LIMIT'],
    ['cursor=nope!', 'INVALID_CURSOR'],
    ['cursor=djEuMTIzLmhlbGxv', 'INVALID_CURSOR'],
    ['from=yesterday', 'INVALID_DATE'],
    ['from=2025-02-30', 'INVALID_DATE'],
    ['to=2025-03-10T24:00:00Z', 'INVALID_DATE'],
    ['from=2025-03-11&to=2025-03-10', 'INVALID_RANGE'],
    ['ticker=AA%20PL', 'INVALID_TICKER'],
    ['ticker=%7BSEC%7D', 'INVALID_TICKER'],
    ['cik=apple', 'INVALID_CIK'],
    ['cik=0000000000', 'INVALID_CIK'],
    ['cik=12345678901', 'INVALID_CIK'],
    ['formType=10-K%7B', 'INVALID_FORM_TYPE'],
    ['includeAmendments=no', 'INVALID_INCLUDE_AMENDMENTS'],
    [
      `ticker=${Array.from({ length: 101 }, (_, i) => `T${i}`).join(',')}`,
      'TOO_MANY_VALUES',
    ],
    ['limit=5&limit=6', 'DUPLICATE_PARAMETER'],
    ['tickers=AAPL', 'UNKNOWN_PARAMETER'],
    ['page=2', 'UNKNOWN_PARAMETER'],
    [`q=${'x'.repeat(101)}`, 'QUERY_TOO_LONG'],
    [`cik=${'1,'.repeat(2100)}`, 'QUERY_TOO_LONG'],
  ])('%s → 400 %s', async (query, code) => {
    const reply = await server.request(`/api/filings?${query}`);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      error: { code, message: expect.any(String) },
    });
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])(
    '%s → 405 METHOD_NOT_ALLOWED',
    async (method) => {
      const reply = await server.request('/api/filings', { method });
      expect(reply.status).toBe(405);
      expect(reply.headers.get('allow')).toBe('GET, HEAD');
      expect(reply.body).toMatchObject({
        error: { code: 'METHOD_NOT_ALLOWED' },
      });
    },
  );

  it('counts each refusal by code and by route and status', async () => {
    const text = await server.metrics.registry.metrics();
    expect(text).toMatch(
      /secfeed_gateway_errors_total\{code="UNKNOWN_PARAMETER"\} 2/,
    );
    expect(text).toMatch(
      /secfeed_gateway_http_requests_total\{route="filings",status="405"\} 4/,
    );
  });

  it('lets the auth layer keep its own parameters when told to', async () => {
    const lenient = await startHistoryServer({
      redis: redis.client,
      keys: redis.keys,
      retentionMs: RETENTION_MS,
      ignoredParameters: ['token'],
    });
    try {
      expect((await lenient.request('/api/filings?token=abc')).status).toBe(
        200,
      );
      expect((await lenient.request('/api/filings?tokens=abc')).status).toBe(
        400,
      );
    } finally {
      await lenient.close();
    }
  });
});

describe('GET /api/filings when Redis fails', () => {
  // Starting a private redis-server takes a while on a loaded CI machine.
  jest.setTimeout(20_000);

  let redisProcess: RedisProcess;
  let client: RedisClientType;
  let server: HistoryTestServer;

  beforeAll(async () => {
    redisProcess = await createRedisProcess();
    await redisProcess.start();
    // As connectRedis builds it: no offline queue, so commands fail at once while Redis is away.
    client = await connectRawRedis(redisProcess.url, {
      disableOfflineQueue: true,
      socket: { reconnectStrategy: () => 50 },
    });
    server = await startHistoryServer({
      redis: client,
      keys: createRedisKeys('history-down:'),
      retentionMs: RETENTION_MS,
      timeoutMs: 300,
    });
  });

  afterAll(async () => {
    await server?.close();
    client?.destroy();
    await redisProcess?.dispose();
  });

  it('answers 503 REDIS_UNAVAILABLE on a stalled Redis, after the timeout', async () => {
    const pauser = await createClient({ url: redisProcess.url }).connect();
    await pauser.sendCommand(['CLIENT', 'PAUSE', '2000', 'ALL']);
    pauser.destroy();
    // Served before the pause ends only thanks to the 300 ms timeout: waiting would give 200.
    const reply = await server.request('/api/filings');
    expect(reply.status).toBe(503);
    await expectServedAgain();
  });

  it('answers 503 REDIS_UNAVAILABLE while Redis is down, never crashing, and logs the outage once', async () => {
    const before = server.logLines.length;
    await redisProcess.kill();
    for (const path of [
      '/api/filings',
      '/api/filings?ticker=AAPL',
      '/api/filings/0000320193-25-000079',
    ]) {
      const reply = await server.request(path);
      expect(reply.status).toBe(503);
      expect(reply.body).toEqual({
        error: { code: 'REDIS_UNAVAILABLE', message: expect.any(String) },
      });
    }
    // Bad input is still refused as such: the query is checked before Redis is asked.
    expect((await server.request('/api/filings?limit=0')).status).toBe(400);
    const outage = server.logLines
      .slice(before)
      .filter((line) => line['level'] === 'warn');
    expect(outage).toHaveLength(1);
    expect(await server.metrics.registry.metrics()).toMatch(
      /secfeed_gateway_errors_total\{code="REDIS_UNAVAILABLE"\} [3-9]/,
    );
    await redisProcess.start();
    await expectServedAgain();
    expect(server.logLines.at(-1)?.['msg']).toBe(
      'History API: Redis answers again',
    );
    // A private Redis killed and started again: seconds on a loaded machine.
  }, 60_000);

  it('answers 503 on a client that was closed', async () => {
    const closed: RedisClientType = createClient({ url: redisProcess.url });
    await closed.connect();
    closed.destroy();
    const other = await startHistoryServer({
      redis: closed,
      keys: createRedisKeys('history-closed:'),
      retentionMs: RETENTION_MS,
    });
    try {
      expect((await other.request('/api/filings')).status).toBe(503);
      expect(
        (await other.request('/api/filings/0000320193-25-000079')).status,
      ).toBe(503);
    } finally {
      await other.close();
    }
  });

  /** Asks until the API answers 200 again: up to 300 tries, 15 s and more on a loaded machine. */
  async function expectServedAgain(): Promise<void> {
    for (let attempt = 0; attempt < 300; attempt += 1) {
      if ((await server.request('/api/filings')).status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the API did not recover');
  }
});
