import {
  createRedisProcess,
  testRedisUrl,
  uniqueKeyPrefix,
  waitUntil,
  type RedisProcess,
} from '@secfeed/test-kit';
import { FakeSecApi, fakeFilings } from '../test-support/fake-sec-api';
import {
  startIngest,
  StreamProbe,
  type RunningIngest,
} from '../test-support/ingest-harness';

jest.setTimeout(30_000);

const KEY = 'gap-key-7c1';
const T0 = Date.parse('2026-03-02T15:00:00Z');
/** Timers short enough for a spec; the defaults are seconds to minutes. */
const FAST = {
  retry: { minDelayMs: 20, maxDelayMs: 50 },
  backfillRequestTimeoutMs: 2000,
  backfillRetry: { minDelayMs: 20, maxDelayMs: 100 },
};

/**
 * Regressions of issue 10 (defects 6 and 7): a filing that existed only in a gap (while the
 * socket was down, or while Redis was down and the buffer full) must still reach the stream,
 * exactly once, whatever happened to the backfill that should have fetched it.
 */
describe('ingest recovers every gap', () => {
  let upstream: FakeSecApi;
  let ingest: RunningIngest | undefined;
  let probe: StreamProbe | undefined;

  beforeEach(async () => (upstream = await FakeSecApi.start()));
  afterEach(async () => {
    await ingest?.stop();
    ingest = undefined;
    await upstream.close();
    await probe?.dispose();
    probe = undefined;
  });

  const start = async (redisUrl: string, env: NodeJS.ProcessEnv = {}) => {
    const prefix = uniqueKeyPrefix('gap');
    probe = await StreamProbe.connect(redisUrl, prefix);
    ingest = await startIngest(
      {
        REDIS_URL: redisUrl,
        SECFEED_KEY_PREFIX: prefix,
        INGEST_SOURCE: 'sec-api',
        SEC_API_KEY: KEY,
        SEC_STREAM_URL: upstream.streamUrl,
        SEC_QUERY_API_URL: upstream.queryApiUrl,
        ...env,
      },
      FAST,
    );
    return probe;
  };
  const inStream = (p: StreamProbe) => async () =>
    (await p.accessions()).length;
  const everyFilingOnce = async (p: StreamProbe) => {
    const had = upstream.had.map((f) => f.accessionNo);
    await waitUntil(
      async () => (await p.accessions()).length >= had.length,
      `all ${had.length} filings in the stream`,
      10_000,
    ).catch(() => undefined);
    const stream = await p.accessions();
    expect([...stream].sort()).toEqual([...had].sort());
  };
  /** Drops the socket, lets `gap` happen upstream while ingest cannot connect, then lets it in. */
  const gapWhileDown = async (gap: ReturnType<typeof fakeFilings>) => {
    upstream.refuse = true;
    upstream.dropSockets();
    await waitUntil(() => upstream.open === 0, 'the socket to drop');
    upstream.hadOnly(gap);
    upstream.refuse = false;
    const before = upstream.connections;
    await waitUntil(
      () => upstream.connections > before && upstream.open === 1,
      'ingest to reconnect',
    );
  };

  it('a backfill that fails (Query API 503) is retried until the gap is in the stream', async () => {
    const p = await start(testRedisUrl());
    await waitUntil(() => upstream.open === 1, 'ingest connected');
    upstream.publish(fakeFilings(5, T0, 0));
    await waitUntil(async () => (await inStream(p)()) === 5, 'five live');

    upstream.queryFault = (_r, i) => (i < 3 ? { status: 503 } : undefined);
    await gapWhileDown(fakeFilings(3, T0, 5));
    upstream.publish(fakeFilings(2, T0, 8));
    await everyFilingOnce(p);
  });

  it('a backfill cancelled by another drop resumes from where the gap began, not from the new socket', async () => {
    const p = await start(testRedisUrl());
    await waitUntil(() => upstream.open === 1, 'ingest connected');
    upstream.publish(fakeFilings(5, T0, 0));
    await waitUntil(async () => (await inStream(p)()) === 5, 'five live');

    // The first backfill hangs; the socket drops while it runs.
    upstream.queryFault = (_r, i) => (i === 0 ? 'hang' : undefined);
    await gapWhileDown(fakeFilings(3, T0, 5));
    upstream.publish(fakeFilings(2, T0, 8));
    await waitUntil(() => upstream.queries.length === 1, 'the first backfill');
    await waitUntil(async () => (await inStream(p)()) === 7, 'the live ones');
    await gapWhileDown(fakeFilings(2, T0, 10));
    upstream.publish(fakeFilings(2, T0, 12));
    await everyFilingOnce(p);
  });

  describe('with a Redis outage', () => {
    let redis: RedisProcess;
    beforeAll(async () => {
      redis = await createRedisProcess();
      await redis.start();
    });
    afterAll(() => redis.dispose());

    it('filings the full buffer dropped are backfilled once Redis is back, without a reconnect', async () => {
      const p = await start(redis.url, { INGEST_BUFFER_SIZE: '4' });
      await waitUntil(() => upstream.open === 1, 'ingest connected');
      upstream.publish(fakeFilings(3, T0, 0));
      await waitUntil(async () => (await inStream(p)()) === 3, 'three live');

      await redis.kill();
      const running = ingest as RunningIngest;
      try {
        // The first failed publish shrinks the queue's bound to the buffer size (4)...
        upstream.publish(fakeFilings(1, T0, 3));
        await waitUntil(
          () => running.service.readiness().reasons.includes('PUBLISH_FAILING'),
          'publishing to fail',
        );
        // ...so most of these are dropped.
        for (let i = 4; i < 15; i++) upstream.publish(fakeFilings(1, T0, i));
        await waitUntil(
          () => running.logs.some((l) => l['dropped'] !== undefined),
          'the buffer to drop filings',
        );
      } finally {
        await redis.start();
      }
      upstream.publish(fakeFilings(1, T0, 15));
      await everyFilingOnce(p);
      expect(upstream.connections).toBe(1);
    });
  });
});
