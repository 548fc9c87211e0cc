import { FilingPublisher } from '@secfeed/dedup';
import { createCompletenessKeys, createRedisKeys } from '@secfeed/redis-keys';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  uniqueKeyPrefix,
  waitUntil,
  type TestRedis,
} from '@secfeed/test-kit';
import {
  startIngest,
  type RunningIngest,
} from '../../test-support/ingest-harness';
import {
  startArchiveStandIn,
  type ArchiveStandIn,
} from '../insights/test-support/archive-stand-in';
import { FORM_20200318, INDEX_PATH_20200318 } from './test-support/edgar-day';
import { publishAllBut, streamFilings } from './test-support/reconcile-context';

const MISSING = [
  '0001564590-20-011604',
  '0000899243-20-008928',
  '0001140361-20-006155',
];

/**
 * The reconciliation inside a real IngestService configured by its environment: a day asked
 * for through Redis (what the gateway's POST writes) is reconciled against a local archive.
 */
describe('completeness in ingest', () => {
  let redis: TestRedis;
  let archive: ArchiveStandIn;
  let ingest: RunningIngest | undefined;
  const prefix = uniqueKeyPrefix('completeness-ingest');

  beforeAll(async () => {
    redis = await connectTestRedis();
    archive = await startArchiveStandIn();
  });
  afterAll(async () => {
    await ingest?.stop();
    await archive.close();
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  it('reconciles a day asked for on demand and publishes what the index lists', async () => {
    archive.script(INDEX_PATH_20200318, { body: FORM_20200318 });
    ingest = await startIngest({
      SECFEED_KEY_PREFIX: prefix,
      STREAM_ENABLED: 'false',
      INSIGHTS_ENABLED: 'true',
      EDGAR_ARCHIVES_URL: archive.url,
      EDGAR_REQUESTS_PER_SECOND: '9',
      // 2020 is long past; a retention this long lets the day be told.
      SECFEED_RETENTION_DAYS: '36500',
    });
    // What a live source had published: all but three.
    const feedKeys = createRedisKeys(prefix);
    await publishAllBut(
      new FilingPublisher(redis, { keys: feedKeys }),
      FORM_20200318,
      MISSING,
    );
    const keys = createCompletenessKeys(prefix);
    await redis.zAdd(keys.requests, { score: Date.now(), value: '2020-03-18' });
    await waitUntil(
      async () => (await redis.get(keys.report('2020-03-18'))) !== null,
      'the report of 2020-03-18',
      30_000,
    );
    const report = JSON.parse(
      (await redis.get(keys.report('2020-03-18'))) ?? '{}',
    );
    // The headers answer 404 here: the filings are published from their index rows alone.
    expect(report).toMatchObject({
      date: '2020-03-18',
      indexed: 2666,
      have: 2666,
      missing: [],
      late: 3,
    });
    const filings = await streamFilings(redis, feedKeys);
    expect(filings).toHaveLength(2666);
    expect(
      filings
        .filter((f) => f.source === 'edgar-index')
        .map((f) => f.accessionNo)
        .sort(),
    ).toEqual([...MISSING].sort());
    const metrics = await ingest.metrics.registry.metrics();
    expect(metrics).toMatch(/secfeed_ingest_completeness_late_total 3/);
    expect(metrics).toMatch(
      /secfeed_ingest_completeness_runs_total\{outcome="reconciled"\} 1/,
    );
  }, 60_000);
});
