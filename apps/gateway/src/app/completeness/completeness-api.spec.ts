// GET /api/completeness and POST /api/completeness/reconcile on the production GatewayService,
// with auth on, over a real HTTP server and the real Redis.
import { createCompletenessKeys } from '@secfeed/redis-keys';
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

describe('completeness over REST', () => {
  const prefix = uniqueKeyPrefix('gw-completeness');
  const keys = createCompletenessKeys(prefix);
  let redis: TestRedis;
  let gateway: AuthedGateway;
  const call: AuthedGateway['call'] = (...args) => gateway.call(...args);
  const codeOf = errorCodeOf;

  beforeAll(async () => {
    redis = await connectTestRedis();
    gateway = await startAuthedGateway(
      prefix,
      '/api/completeness?date=2020-03-18',
    );
  });
  afterAll(async () => {
    await gateway.stop();
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  it('answers the report ingest stored for the day', async () => {
    const report = {
      date: '2020-03-18',
      indexed: 2666,
      have: 2666,
      missing: [],
      late: 3,
      checkedAt: '2020-03-19T03:00:00.000Z',
    };
    await redis.set(keys.report('2020-03-18'), JSON.stringify(report));
    await redis.sAdd(keys.late('2020-03-18'), [
      '0001564590-20-011604',
      '0000899243-20-007902',
      '0001806014-20-000001',
    ]);
    expect(await call('/api/completeness?date=2020-03-18')).toEqual({
      status: 200,
      body: {
        ...report,
        lateAccessions: [
          '0000899243-20-007902',
          '0001564590-20-011604',
          '0001806014-20-000001',
        ],
        progress: null,
      },
    });
  });

  it('answers the progress of a run of the day in progress, beside its last report', async () => {
    const report = {
      date: '2020-03-16',
      indexed: 2500,
      have: 2500,
      missing: [],
      late: 0,
      checkedAt: '2020-03-17T03:00:00.000Z',
    };
    await redis.set(keys.report('2020-03-16'), JSON.stringify(report));
    await redis.set(
      keys.progress('2020-03-16'),
      JSON.stringify({ done: 1200, total: 2500, published: 40 }),
    );
    expect(await call('/api/completeness?date=2020-03-16')).toEqual({
      status: 200,
      body: {
        ...report,
        lateAccessions: [],
        progress: { done: 1200, total: 2500 },
      },
    });
    // A day never reconciled, first run under way.
    await redis.set(
      keys.progress('2020-03-13'),
      JSON.stringify({ done: 20, total: 2400, published: 20 }),
    );
    expect(
      (await call('/api/completeness?date=2020-03-13')).body,
    ).toMatchObject({ checkedAt: null, progress: { done: 20, total: 2400 } });
  });

  it('answers a day not reconciled yet with checkedAt null', async () => {
    expect(await call('/api/completeness?date=2020-03-19')).toEqual({
      status: 200,
      body: {
        date: '2020-03-19',
        indexed: 0,
        have: 0,
        missing: [],
        late: 0,
        lateAccessions: [],
        checkedAt: null,
        progress: null,
      },
    });
  });

  it.each([
    ['?date=2020-02-30', 'INVALID_DATE'],
    ['?date=20200318', 'INVALID_DATE'],
    ['?date=2020-3-18', 'INVALID_DATE'],
    ['?date=', 'INVALID_DATE'],
    ['', 'INVALID_DATE'],
    ['?date=1992-12-31', 'INVALID_DATE'],
    ['?day=2020-03-18', 'UNKNOWN_PARAMETER'],
    ['?date=2020-03-18&date=2020-03-19', 'DUPLICATE_PARAMETER'],
  ])('refuses %p with 400 %s', async (query, code) => {
    const answer = await call(`/api/completeness${query}`);
    expect(answer.status).toBe(400);
    expect(codeOf(answer.body)).toBe(code);
  });

  it('asks JWT when auth is on', async () => {
    const get = await call('/api/completeness?date=2020-03-18', {}, false);
    const post = await call(
      '/api/completeness/reconcile?date=2020-03-18',
      { method: 'POST' },
      false,
    );
    expect([get.status, codeOf(get.body)]).toEqual([401, 'TOKEN_MISSING']);
    expect([post.status, codeOf(post.body)]).toEqual([401, 'TOKEN_MISSING']);
    expect(await redis.zCard(keys.requests)).toBe(0);
  });

  it('takes a reconciliation request with 202, once per date however often asked', async () => {
    const first = await call('/api/completeness/reconcile?date=2020-03-17', {
      method: 'POST',
    });
    const again = await call('/api/completeness/reconcile?date=2020-03-17', {
      method: 'POST',
    });
    expect(first).toEqual({
      status: 202,
      body: { date: '2020-03-17', requested: true },
    });
    expect(again.status).toBe(202);
    expect(await redis.zRange(keys.requests, 0, -1)).toEqual(['2020-03-17']);
    const bad = await call('/api/completeness/reconcile?date=tomorrow', {
      method: 'POST',
    });
    expect([bad.status, codeOf(bad.body)]).toEqual([400, 'INVALID_DATE']);
  });

  it('answers 405 to the wrong method', async () => {
    const get = await call('/api/completeness/reconcile?date=2020-03-17');
    const post = await call('/api/completeness?date=2020-03-17', {
      method: 'POST',
    });
    expect([get.status, codeOf(get.body)]).toEqual([405, 'METHOD_NOT_ALLOWED']);
    expect([post.status, codeOf(post.body)]).toEqual([
      405,
      'METHOD_NOT_ALLOWED',
    ]);
  });
});
