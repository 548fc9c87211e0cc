import { startSimulator, type Simulator } from '@secfeed/sec-api-simulator';
import {
  createRedisProcess,
  uniqueKeyPrefix,
  waitUntil,
  type RedisProcess,
} from '@secfeed/test-kit';
import {
  metric,
  startEmptyQueryApi,
  startIngest,
  StreamProbe,
  type RunningIngest,
} from '../test-support/ingest-harness';

jest.setTimeout(30_000);

/**
 * Redis goes away under a running ingest (a private redis-server with append-only persistence,
 * killed with SIGKILL and started again): filings wait in the bounded buffer, readiness says so,
 * and every one of them lands exactly once, in order, when Redis is back.
 */
describe('ingest across a Redis outage', () => {
  let redis: RedisProcess;
  let simulator: Simulator;
  let queryApi: Awaited<ReturnType<typeof startEmptyQueryApi>>;
  let ingest: RunningIngest | undefined;

  beforeAll(async () => {
    redis = await createRedisProcess();
    await redis.start();
  });
  afterAll(() => redis.dispose());
  afterEach(async () => {
    await ingest?.stop();
    await simulator?.close();
    await queryApi?.close();
  });

  it('buffers while Redis is down and flushes in order, exactly once, when it is back', async () => {
    const prefix = uniqueKeyPrefix('outage');
    queryApi = await startEmptyQueryApi();
    simulator = await startSimulator({ apiKey: 'k', rate: 200, limit: 600 });
    ingest = await startIngest({
      REDIS_URL: redis.url,
      SECFEED_KEY_PREFIX: prefix,
      INGEST_SOURCE: 'sec-api',
      SEC_API_KEY: 'k',
      SEC_STREAM_URL: simulator.url,
      SEC_QUERY_API_URL: queryApi.url,
    });
    const running = ingest;
    await waitUntil(
      () => simulator.stats().filingsSent >= 100,
      '100 filings before the outage',
    );

    await redis.kill();
    await waitUntil(
      () => running.service.readiness().reasons.includes('REDIS_UNAVAILABLE'),
      'readiness to report Redis down',
    );
    await waitUntil(
      () => running.service.readiness().details?.['buffered'] !== 0,
      'filings to wait in the buffer',
    );
    expect(running.service.readiness().ready).toBe(false);
    await redis.start();

    await waitUntil(
      () => simulator.stats().filingsSent === 600,
      'the simulator to send 600',
    );
    const probe = await StreamProbe.connect(redis.url, prefix);
    try {
      await waitUntil(
        async () => (await probe.accessions()).length === 600,
        'all 600 in the stream',
        20_000,
      );
      expect(await probe.accessions()).toEqual(simulator.sent());
      await waitUntil(
        () => running.service.readiness().ready,
        'readiness back',
      );
      expect(
        await metric(running.metrics, 'secfeed_ingest_buffer_overflow_total'),
      ).toBe(0);
      expect(
        await metric(running.metrics, 'secfeed_ingest_publish_errors_total'),
      ).toBeGreaterThan(0);
      const messages = running.logs.map((l) => l['msg']);
      expect(messages).toEqual(
        expect.arrayContaining([
          'Redis unavailable; buffering filings',
          'Redis back; flushing buffered filings',
        ]),
      );
    } finally {
      await probe.dispose();
    }
  });
});
