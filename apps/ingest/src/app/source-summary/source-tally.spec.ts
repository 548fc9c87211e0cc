import type { Filing } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import {
  createSourceSummaryKeys,
  SOURCE_SUMMARY_FIELDS,
} from '@secfeed/redis-keys';
import { createLogger } from '@secfeed/service-runtime';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  uniqueKeyPrefix,
  type TestRedis,
} from '@secfeed/test-kit';
import { createIngestMetrics } from '../metrics/ingest-metrics';
import {
  lagBucket,
  SourceTally,
  type SourceTallyOptions,
} from './source-tally';

const filing = (
  accessionNo: string,
  source: 'sec-api' | 'edgar',
  lagMs: number,
): Filing =>
  makeFiling({
    accessionNo,
    source,
    filedAt: '2026-12-01T10:00:00-05:00',
    receivedAt: new Date(
      Date.parse('2026-12-01T15:00:00Z') + lagMs,
    ).toISOString(),
  });

describe('SourceTally', () => {
  const prefix = uniqueKeyPrefix('source-tally');
  const keys = createSourceSummaryKeys(prefix);
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await connectTestRedis();
  });
  afterAll(async () => {
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  const tally = (options: Partial<SourceTallyOptions> = {}) => {
    const metrics = createIngestMetrics(false);
    return {
      metrics,
      tally: new SourceTally({
        redis,
        keys,
        metrics,
        logger: createLogger('ingest', 'silent'),
        retentionMs: 60_000,
        flushMs: 60_000,
        ...options,
      }),
    };
  };

  it('adds each source’s first, duplicates and lag buckets to its day, a lag once per filing', async () => {
    const { tally: t, metrics } = tally();
    t.record(filing('0000000001-26-000001', 'sec-api', 800), 'published');
    t.record(filing('0000000001-26-000001', 'edgar', 45_000), 'duplicate');
    // The same source delivering again: a duplicate, no second lag sample.
    t.record(filing('0000000001-26-000001', 'edgar', 50_000), 'duplicate');
    t.record(filing('0000000001-26-000002', 'edgar', 4_000_000), 'published');
    await t.flush();
    const day = (source: string) =>
      redis.hGetAll(keys.day(source, '2026-12-01'));
    expect(await day('sec-api')).toEqual({
      [SOURCE_SUMMARY_FIELDS.first]: '1',
      [SOURCE_SUMMARY_FIELDS.lag(1)]: '1',
    });
    expect(await day('edgar')).toEqual({
      [SOURCE_SUMMARY_FIELDS.first]: '1',
      [SOURCE_SUMMARY_FIELDS.duplicate]: '2',
      [SOURCE_SUMMARY_FIELDS.lag(60)]: '1',
      [SOURCE_SUMMARY_FIELDS.lag('inf')]: '1',
    });
    const lag = await metrics.firstSeenLag.get();
    const count = (source: string) =>
      lag.values.find(
        (v) =>
          v.labels['source'] === source &&
          (v as { metricName?: string }).metricName?.endsWith('_count'),
      )?.value;
    expect([count('sec-api'), count('edgar')]).toEqual([1, 2]);
    expect(await redis.pTTL(keys.day('edgar', '2026-12-01'))).toBeGreaterThan(
      0,
    );
  });

  it('keeps what Redis refused and writes it with the next flush', async () => {
    let refuse = true;
    const { tally: t } = tally({
      redis: {
        hIncrBy: (...args: Parameters<TestRedis['hIncrBy']>) =>
          refuse ? Promise.reject(new Error('down')) : redis.hIncrBy(...args),
        pExpire: (...args: Parameters<TestRedis['pExpire']>) =>
          redis.pExpire(...args),
      } as SourceTallyOptions['redis'],
    });
    t.record(filing('0000000001-26-000009', 'sec-api', 1500), 'published');
    await t.flush();
    const key = keys.day('sec-api', '2026-12-01');
    const before = await redis.hGetAll(key);
    refuse = false;
    await t.flush();
    const after = await redis.hGetAll(key);
    expect(Number(after['first']) - Number(before['first'] ?? 0)).toBe(1);
    expect(
      Number(after[SOURCE_SUMMARY_FIELDS.lag(2)] ?? 0) -
        Number(before[SOURCE_SUMMARY_FIELDS.lag(2)] ?? 0),
    ).toBe(1);
  });

  it('puts a lag in the first bucket at or above it', () => {
    expect([0, 1, 1.01, 3600, 3600.5].map(lagBucket)).toEqual([
      1,
      1,
      2,
      3600,
      'inf',
    ]);
  });
});
