import { startSimulator, type Simulator } from '@secfeed/sec-api-simulator';
import { decodeStreamEntry } from '@secfeed/filing-model/stored';
import { testRedisUrl, uniqueKeyPrefix, waitUntil } from '@secfeed/test-kit';
import {
  metric,
  startEmptyQueryApi,
  startIngest,
  StreamProbe,
  type RunningIngest,
} from '../test-support/ingest-harness';

const REDIS_URL = testRedisUrl();
const API_KEY = 'test-key-4f9a';

/**
 * The real `sec-api` path: the simulator (a real WebSocket upstream replaying the real EDGAR
 * day) -> the ingest service -> the real Redis.
 */
jest.setTimeout(20_000);

describe('ingest, sec-api source, into Redis', () => {
  let simulator: Simulator;
  let queryApi: Awaited<ReturnType<typeof startEmptyQueryApi>>;
  let probe: StreamProbe;
  const running: RunningIngest[] = [];
  let prefix: string;

  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    REDIS_URL,
    SECFEED_KEY_PREFIX: prefix,
    INGEST_SOURCE: 'sec-api',
    SEC_API_KEY: API_KEY,
    SEC_STREAM_URL: simulator.url,
    SEC_QUERY_API_URL: queryApi.url,
    ...extra,
  });
  const start = async (extra?: NodeJS.ProcessEnv) => {
    const ingest = await startIngest(env(extra));
    running.push(ingest);
    return ingest;
  };

  beforeEach(async () => {
    prefix = uniqueKeyPrefix('ingest');
    queryApi = await startEmptyQueryApi();
    probe = await StreamProbe.connect(REDIS_URL, prefix);
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.stop()));
    await simulator?.close();
    await queryApi.close();
    await probe.dispose();
  });

  it('publishes every filing the upstream sends exactly once, in order, and logs the seed milestones', async () => {
    simulator = await startSimulator({
      apiKey: API_KEY,
      rate: 0,
      batchSize: 5,
      limit: 300,
    });
    const ingest = await start();
    await waitUntil(
      async () => (await probe.accessions()).length === 300,
      '300 stream entries',
    );
    expect(await probe.accessions()).toEqual(simulator.sent());
    expect(
      await metric(ingest.metrics, 'secfeed_ingest_filings_published_total'),
    ).toBe(300);
    // sec-api.io objects name no exchange: ingest fills it from its ticker directory.
    const stored = (await probe.client.xRange(probe.keys.stream, '-', '+'))
      .map((e) => decodeStreamEntry(e.message))
      .flatMap((e) => (e.ok && e.value.kind === 'filing' ? [e.value] : []));
    const exchanges = stored.map((e) => e.filing.document['exchange']);
    expect(exchanges.filter((x) => x !== undefined).length).toBeGreaterThan(0);
    expect(
      exchanges.every(
        (x) =>
          x === undefined ||
          ['Nasdaq', 'NYSE', 'CBOE', 'OTC'].includes(x as string),
      ),
    ).toBe(true);
    const messages = ingest.logs.map((l) => l['msg']);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Connected to Redis',
        'Starting SEC Stream API WebSocket',
        'SEC Stream Manager started',
      ]),
    );
    expect(ingest.service.readiness()).toMatchObject({
      ready: true,
      reasons: [],
    });
    // The key never reaches a log line.
    expect(JSON.stringify(ingest.logs)).not.toContain(API_KEY);
  });

  it('drops duplicates, dead-letters malformed and binary frames with their codes, and carries on', async () => {
    simulator = await startSimulator({
      apiKey: API_KEY,
      rate: 0,
      limit: 120,
      faults: { duplicateEvery: 7, malformedEvery: 10, binaryEvery: 25 },
    });
    const ingest = await start();
    const sentOnce = () => [...new Set(simulator.sent())];
    await waitUntil(
      async () => (await probe.accessions()).length === 120,
      '120 stream entries',
    );
    await waitUntil(
      async () => (await probe.deadLetterCodes()).length >= 12 + 4,
      'dead letters',
    );
    expect(await probe.accessions()).toEqual(sentOnce());
    const codes = await probe.deadLetterCodes();
    expect(new Set(codes)).toEqual(
      new Set([
        'FRAME_NOT_JSON',
        'FRAME_NOT_ARRAY',
        'ELEMENT_INVALID',
        'FRAME_BINARY',
      ]),
    );
    expect(
      await metric(ingest.metrics, 'secfeed_ingest_filings_duplicate_total'),
    ).toBeGreaterThan(0);
    expect(await metric(ingest.metrics, 'secfeed_ingest_rejected_total')).toBe(
      codes.length,
    );
  });

  it('reconnects after an abrupt drop and backfills the gap from the newest filing it had', async () => {
    simulator = await startSimulator({
      apiKey: API_KEY,
      rate: 400,
      limit: 200,
      faults: { disconnectAfterFrames: 50 },
    });
    const ingest = await start();
    await waitUntil(
      () => simulator.stats().filingsSent === 200,
      'the simulator to send 200',
    );
    await waitUntil(
      async () => queryApi.bodies.length >= 1,
      'a backfill request after the reconnect',
    );
    const newestBeforeDrop = simulator.sent()[49];
    const query = JSON.stringify(queryApi.bodies.at(-1));
    expect(query).toContain('filedAt:');
    expect(await probe.accessions()).toContain(newestBeforeDrop);
    expect(
      await metric(ingest.metrics, 'secfeed_ingest_upstream_reconnects_total'),
    ).toBeGreaterThan(0);
    // Everything in the stream was sent upstream, once.
    const inStream = await probe.accessions();
    expect(new Set(inStream).size).toBe(inStream.length);
    expect(inStream.every((a) => simulator.sent().includes(a))).toBe(true);
  });

  it('two replicas on the same upstream and Redis publish each filing exactly once', async () => {
    simulator = await startSimulator({
      apiKey: API_KEY,
      rate: 500,
      limit: 400,
    });
    const [a, b] = await Promise.all([start(), start()]);
    await waitUntil(
      () => simulator.stats().filingsSent === 400,
      'the simulator to send 400',
    );
    await waitUntil(
      async () =>
        (await probe.accessions()).length === new Set(simulator.sent()).size,
      'every filing both replicas saw',
    );
    const inStream = await probe.accessions();
    expect(new Set(inStream).size).toBe(inStream.length);
    const published =
      (await metric(a.metrics, 'secfeed_ingest_filings_published_total')) +
      (await metric(b.metrics, 'secfeed_ingest_filings_published_total'));
    expect(published).toBe(inStream.length);
    expect(
      (await metric(a.metrics, 'secfeed_ingest_filings_duplicate_total')) +
        (await metric(b.metrics, 'secfeed_ingest_filings_duplicate_total')),
    ).toBeGreaterThan(0);
  });

  it('stays up and ready, unconnected, with STREAM_ENABLED=false', async () => {
    simulator = await startSimulator({ apiKey: API_KEY, rate: 0, limit: 10 });
    const ingest = await start({ STREAM_ENABLED: 'false' });
    expect(ingest.service.readiness()).toMatchObject({
      ready: true,
      details: { upstream: { state: 'disabled' } },
    });
    expect(simulator.stats().connections).toBe(0);
    expect(await probe.accessions()).toEqual([]);
  });
});
