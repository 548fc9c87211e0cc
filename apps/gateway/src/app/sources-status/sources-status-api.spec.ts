// GET /api/sources on the production GatewayService, with auth on, over a real HTTP server and
// the real Redis, reading the daily summaries as ingest writes them.
import {
  createSourceSummaryKeys,
  SOURCE_SUMMARY_FIELDS,
} from '@secfeed/redis-keys';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  uniqueKeyPrefix,
  type TestRedis,
} from '@secfeed/test-kit';
import {
  errorCodeOf,
  startAuthedGateway,
  type AuthedGateway,
} from '../test-support/authed-gateway';

describe('GET /api/sources', () => {
  const prefix = uniqueKeyPrefix('gw-sources');
  const keys = createSourceSummaryKeys(prefix);
  let redis: TestRedis;
  let gateway: AuthedGateway;
  const call: AuthedGateway['call'] = (...args) => gateway.call(...args);
  const codeOf = errorCodeOf;

  beforeAll(async () => {
    redis = await connectTestRedis();
    gateway = await startAuthedGateway(prefix, '/api/sources');
  });
  afterAll(async () => {
    await gateway.stop();
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  it('answers per source the day ingest counted: first, duplicates and lag percentiles', async () => {
    const lag = SOURCE_SUMMARY_FIELDS.lag;
    // sec-api: 10 filings, 6 within 1 s, 3 within 2 s, 1 within 30 s.
    await redis.hSet(keys.day('sec-api', '2026-11-30'), {
      first: '9',
      duplicate: '1',
      [lag(1)]: '6',
      [lag(2)]: '3',
      [lag(30)]: '1',
    });
    // edgar: 4 filings, 1 within a minute, 3 over an hour.
    await redis.hSet(keys.day('edgar', '2026-11-30'), {
      first: '1',
      duplicate: '3',
      [lag(60)]: '1',
      [lag('inf')]: '3',
    });
    expect(await call('/api/sources?date=2026-11-30')).toEqual({
      status: 200,
      body: {
        date: '2026-11-30',
        sources: [
          {
            source: 'sec-api',
            first: 9,
            duplicates: 1,
            lagSeconds: { p50: 1, p90: 2 },
          },
          {
            source: 'edgar',
            first: 1,
            duplicates: 3,
            lagSeconds: { p50: null, p90: null },
          },
        ],
      },
    });
    // Another day is another summary.
    expect(await call('/api/sources?date=2026-11-29')).toEqual({
      status: 200,
      body: { date: '2026-11-29', sources: [] },
    });
  });

  it('defaults to today (UTC)', async () => {
    const today = new Date().toISOString().slice(0, 10);
    await redis.hSet(keys.day('edgar', today), {
      first: '2',
      [SOURCE_SUMMARY_FIELDS.lag(5)]: '2',
    });
    const { status, body } = await call('/api/sources');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      date: today,
      sources: [{ source: 'edgar', first: 2, lagSeconds: { p50: 5, p90: 5 } }],
    });
  });

  it('needs the access token like every /api route', async () => {
    const { status, body } = await call('/api/sources', {}, false);
    expect(status).toBe(401);
    expect(codeOf(body)).toBe('TOKEN_MISSING');
  });

  it.each([
    ['?date=2026-02-30', 400, 'INVALID_DATE'],
    ['?date=yesterday', 400, 'INVALID_DATE'],
    ['?day=2026-11-30', 400, 'UNKNOWN_PARAMETER'],
    ['?date=2026-11-30&date=2026-11-29', 400, 'DUPLICATE_PARAMETER'],
  ])('refuses %s with %i %s', async (query, status, code) => {
    const answer = await call(`/api/sources${query}`);
    expect(answer.status).toBe(status);
    expect(codeOf(answer.body)).toBe(code);
  });

  it('answers 405 to other methods', async () => {
    const answer = await call('/api/sources', { method: 'POST' });
    expect(answer.status).toBe(405);
    expect(codeOf(answer.body)).toBe('METHOD_NOT_ALLOWED');
  });
});
