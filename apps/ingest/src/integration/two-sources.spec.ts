import {
  createSourceSummaryKeys,
  SOURCE_LAG_BUCKETS_SECONDS,
  SOURCE_SUMMARY_FIELDS,
} from '@secfeed/redis-keys';
import {
  loadReplayDay,
  startSimulator,
  type Simulator,
  type WireFiling,
} from '@secfeed/sec-api-simulator';
import { testRedisUrl, uniqueKeyPrefix, waitUntil } from '@secfeed/test-kit';
import {
  atomFeed,
  FeedServer,
  type TestEntry,
} from '@secfeed/upstream-sources/testing';
import {
  startEmptyQueryApi,
  startIngest,
  StreamProbe,
  type RunningIngest,
} from '../test-support/ingest-harness';

const REDIS_URL = testRedisUrl();
const API_KEY = 'test-key-two-sources';
const STREAMED = 40;
const EDGAR_ONLY = 5;

jest.setTimeout(30_000);

/** An entry of EDGAR's feed for a filing the simulator has (same accession, same acceptance). */
function entryOf(filing: WireFiling): TestEntry {
  return {
    form: String(filing['formType']),
    name: String(filing['companyName']),
    cik: String(filing['cik']).padStart(10, '0'),
    role: 'Filer',
    accessionNo: filing.accessionNo,
    updated: filing.filedAt,
  };
}

/**
 * One ingest with `INGEST_SOURCE=sec-api,edgar` against the sec-api simulator (a real
 * WebSocket) and an EDGAR feed stand-in (real HTTP) listing the same filings later, plus a few
 * the stream never sent: each filing is published once, and each source's first, duplicate and
 * lag counts add up, in the metrics and in the Redis summary the gateway serves.
 */
describe('ingest with two sources at once', () => {
  let simulator: Simulator;
  let feed: FeedServer;
  let queryApi: Awaited<ReturnType<typeof startEmptyQueryApi>>;
  let probe: StreamProbe;
  let ingest: RunningIngest | undefined;
  const prefix = uniqueKeyPrefix('two-sources');
  const streamed: WireFiling[] = [];
  const edgarOnly = loadReplayDay()
    .slice(1000, 1000 + EDGAR_ONLY)
    .map((f) => ({
      ...f,
      filedAt: new Date().toISOString().replace('Z', '+00:00'),
    }));

  beforeAll(async () => {
    queryApi = await startEmptyQueryApi();
    probe = await StreamProbe.connect(REDIS_URL, prefix);
    simulator = await startSimulator({
      apiKey: API_KEY,
      rate: 0,
      batchSize: 5,
      limit: STREAMED,
      onFrame: (filings) => streamed.push(...filings),
    });
    // EDGAR lags: its feed is empty until the stream has sent everything.
    feed = await FeedServer.start(() =>
      FeedServer.atom(
        atomFeed(
          streamed.length < STREAMED
            ? []
            : [...edgarOnly, ...streamed].reverse().map(entryOf),
        ),
      ),
    );
  });

  afterAll(async () => {
    await ingest?.stop();
    await simulator.close();
    await feed.close();
    await queryApi.close();
    await probe.dispose();
  });

  it('publishes each filing once and counts, per source, who delivered it first', async () => {
    const running = (ingest = await startIngest({
      SECFEED_KEY_PREFIX: prefix,
      REDIS_URL,
      INGEST_SOURCE: 'sec-api,edgar',
      SEC_API_KEY: API_KEY,
      SEC_STREAM_URL: simulator.url,
      SEC_QUERY_API_URL: queryApi.url,
      EDGAR_FEED_URL: feed.feedUrl,
      EDGAR_POLL_MS: '1000',
      SEC_USER_AGENT: 'Secfeed Tests tests@secfeed.example',
    }));
    const total = STREAMED + EDGAR_ONLY;
    const counted = async (name: string) =>
      (await running.metrics.registry.getSingleMetric(name)?.get())?.values ??
      [];
    const bySource = async (name: string, source: string) =>
      (await counted(name))
        .filter((v) => v.labels['source'] === source)
        .reduce((sum, v) => sum + v.value, 0);
    await waitUntil(
      async () =>
        (await bySource(
          'secfeed_ingest_first_delivered_duplicates_total',
          'edgar',
        )) === STREAMED,
      'EDGAR delivering the streamed filings again',
    );
    const accessions = await probe.accessions();
    expect(accessions).toHaveLength(total);
    expect(new Set(accessions).size).toBe(total);
    expect(new Set(accessions)).toEqual(
      new Set([...streamed, ...edgarOnly].map((f) => f.accessionNo)),
    );

    const first = 'secfeed_ingest_first_delivered_total';
    const dup = 'secfeed_ingest_first_delivered_duplicates_total';
    expect(await bySource(first, 'sec-api')).toBe(STREAMED);
    expect(await bySource(first, 'edgar')).toBe(EDGAR_ONLY);
    expect(await bySource(dup, 'sec-api')).toBe(0);
    expect(await bySource(dup, 'edgar')).toBe(STREAMED);
    // Each filing once per source that delivered it.
    const lagCount = async (source: string) =>
      (await counted('secfeed_ingest_first_seen_lag_seconds')).find(
        (v) =>
          v.labels['source'] === source &&
          (v as { metricName?: string }).metricName ===
            'secfeed_ingest_first_seen_lag_seconds_count',
      )?.value;
    expect(await lagCount('sec-api')).toBe(STREAMED);
    expect(await lagCount('edgar')).toBe(total);

    await running.stop();
    ingest = undefined;
    const keys = createSourceSummaryKeys(prefix);
    const today = new Date().toISOString().slice(0, 10);
    const summary = async (source: string) => {
      const hash = await probe.client.hGetAll(keys.day(source, today));
      const n = (field: string) => Number(hash[field] ?? 0);
      const lags = [...SOURCE_LAG_BUCKETS_SECONDS, 'inf' as const].reduce(
        (sum, b) => sum + n(SOURCE_SUMMARY_FIELDS.lag(b)),
        0,
      );
      return { first: n('first'), duplicate: n('duplicate'), lags };
    };
    expect(await summary('sec-api')).toEqual({
      first: STREAMED,
      duplicate: 0,
      lags: STREAMED,
    });
    expect(await summary('edgar')).toEqual({
      first: EDGAR_ONLY,
      duplicate: STREAMED,
      lags: total,
    });
    expect(await probe.client.pTTL(keys.day('edgar', today))).toBeGreaterThan(
      0,
    );
  });
});
