import { FilingPublisher } from '@secfeed/dedup';
import type { Filing, FilingInsights } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { decodeStreamEntry } from '@secfeed/filing-model/stored';
import { insightsFromSubmission } from '@secfeed/filing-insights';
import { createRedisKeys, type RedisKeys } from '@secfeed/redis-keys';
import { createLogger } from '@secfeed/service-runtime';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  uniqueKeyPrefix,
  waitUntil,
  type TestRedis,
} from '@secfeed/test-kit';
import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { EdgarBudget } from './edgar-budget';
import {
  createInsightsMetrics,
  type InsightsMetrics,
} from './insights-metrics';
import { InsightsStage } from './insights-stage';
import type { InsightsStageOptions } from './insights-stage-options';
import {
  startArchiveStandIn,
  type ArchiveStandIn,
} from './test-support/archive-stand-in';

const UA = 'Secfeed Tests tests@secfeed.example';
const DAY_MS = 86_400_000;
const ITEMS: FilingInsights = {
  items: [
    { code: '2.02', title: 'Results of Operations and Financial Condition' },
  ],
};

/** The archive path of a filing made by `makeFiling` (CIK 1999999). */
const pathOf = (filing: Filing) =>
  `/Archives/edgar/data/1999999/${filing.accessionNo.replace(/-/g, '')}/${filing.accessionNo}.txt`;

/**
 * The insights stage on real Redis (dedup's publisher, the shared budget) against a real HTTP
 * stand-in of EDGAR's archive.
 */
describe('InsightsStage', () => {
  let redis: TestRedis;
  let archive: ArchiveStandIn;
  let keys: RedisKeys;
  const prefixes: string[] = [];
  const stages: InsightsStage[] = [];

  beforeAll(async () => {
    redis = await connectTestRedis();
  });
  beforeEach(async () => {
    const prefix = uniqueKeyPrefix('insights');
    prefixes.push(prefix);
    keys = createRedisKeys(prefix);
    archive = await startArchiveStandIn();
  });
  afterEach(async () => {
    await Promise.all(stages.splice(0).map((s) => s.stop()));
    await archive.close();
  });
  afterAll(async () => {
    for (const prefix of prefixes) await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  function startStage(options: Partial<InsightsStageOptions> = {}) {
    const logs: Array<Record<string, unknown>> = [];
    const metrics: InsightsMetrics = createInsightsMetrics(new Registry());
    const publisher = new FilingPublisher(redis, { keys, retentionMs: DAY_MS });
    const stage = new InsightsStage({
      archivesUrl: archive.url,
      userAgent: UA,
      budget: new EdgarBudget(redis, {
        key: keys.edgarBudget,
        requestsPerSecond: 9,
      }),
      publisher,
      parse: () => ITEMS,
      metrics,
      logger: createLogger(
        'test',
        'info',
        new Writable({
          write(chunk, _e, done) {
            logs.push(JSON.parse(chunk.toString()));
            done();
          },
        }),
      ),
      retry: { notFoundDelayMs: 50, minDelayMs: 20, maxDelayMs: 100 },
      ...options,
    });
    stages.push(stage);
    return { stage, publisher, metrics, logs };
  }

  /** Publishes `filings` as ingest does, then hands each to `stage`. */
  async function publish(publisher: FilingPublisher, filings: Filing[]) {
    const results = await publisher.publishBatch(filings);
    return results.map((r) => r.position);
  }

  async function insightsEntries() {
    const entries = await redis.xRange(keys.stream, '-', '+');
    return entries.flatMap((e) => {
      const decoded = decodeStreamEntry(e.message);
      return decoded.ok && decoded.value.kind === 'insights'
        ? [
            {
              id: e.id,
              accessionNo: decoded.value.accessionNo,
              insights: decoded.value.insights,
            },
          ]
        : [];
    });
  }

  const counter = async (
    metric: {
      get(): Promise<{ values: Array<{ value: number; labels: object }> }>;
    },
    labels: object = {},
  ) =>
    (await metric.get()).values
      .filter((v) =>
        Object.entries(labels).every(
          ([k, x]) => (v.labels as Record<string, unknown>)[k] === x,
        ),
      )
      .reduce((sum, v) => sum + v.value, 0);

  it('fetches the full submission with the declared User-Agent, parses it and publishes the insights once, after the filing', async () => {
    const filing = makeFiling({ formType: '8-K' });
    archive.script(pathOf(filing), { body: 'SUBMISSION TEXT' });
    const parsed: Array<[string, string]> = [];
    const { stage, publisher, metrics } = startStage({
      parse: (formType, text) => (parsed.push([formType, text]), ITEMS),
    });
    const [position] = await publish(publisher, [filing]);
    expect(stage.enqueue(filing)).toBe(true);
    await waitUntil(async () => (await insightsEntries()).length === 1);
    const [entry] = await insightsEntries();
    expect(entry.accessionNo).toBe(filing.accessionNo);
    expect(entry.insights).toEqual(ITEMS);
    expect(entry.id > position).toBe(true);
    expect(parsed).toEqual([['8-K', 'SUBMISSION TEXT']]);
    expect(archive.requests.map((r) => [r.path, r.userAgent])).toEqual([
      [pathOf(filing), UA],
    ]);
    // REST reads the document: the filing with its insights.
    expect(
      JSON.parse((await redis.get(keys.filing(filing.accessionNo))) ?? '{}')
        .insights,
    ).toEqual(ITEMS);
    expect(await counter(metrics.published, { status: 'published' })).toBe(1);
    expect(await counter(metrics.fetched, { outcome: 'ok' })).toBe(1);
    expect(await counter(metrics.parsed)).toBe(1);
    expect(
      (await metrics.lag.get()).values.some(
        (v) => v.metricName?.endsWith('_count') && v.value === 1,
      ),
    ).toBe(true);
    // The same filing handed over again (a repeated publish) gives no second entry.
    stage.enqueue(filing);
    await waitUntil(
      async () =>
        (await counter(metrics.published, { status: 'duplicate' })) === 1,
    );
    expect(await insightsEntries()).toHaveLength(1);
  });

  it('leaves forms without insights alone', async () => {
    const { stage } = startStage();
    expect(stage.enqueue(makeFiling({ formType: '10-K' }))).toBe(false);
    expect(stage.enqueue(makeFiling({ formType: 'S-1' }))).toBe(false);
    expect(stage.depth).toBe(0);
    expect(archive.requests).toEqual([]);
  });

  it('asks again after a 404 (the archive posts files after the feed lists them)', async () => {
    const filing = makeFiling({ formType: '4' });
    archive.script(
      pathOf(filing),
      { status: 404 },
      { status: 404 },
      { body: 'doc' },
    );
    const { stage, publisher, metrics } = startStage();
    await publish(publisher, [filing]);
    stage.enqueue(filing);
    await waitUntil(async () => (await insightsEntries()).length === 1);
    expect(archive.requestsFor(pathOf(filing))).toHaveLength(3);
    expect((await insightsEntries())[0].insights).toEqual(ITEMS);
    expect(await counter(metrics.fetched, { outcome: '404' })).toBe(2);
  });

  it('gives a document up after its 404s and publishes the problem, logged, so clients know', async () => {
    const filing = makeFiling({ formType: 'SC 13G' });
    const { stage, publisher, metrics, logs } = startStage({
      retry: { notFoundAttempts: 3, notFoundDelayMs: 20 },
    });
    await publish(publisher, [filing]);
    stage.enqueue(filing);
    await waitUntil(async () => (await insightsEntries()).length === 1);
    const [{ insights }] = await insightsEntries();
    expect(insights).toEqual({
      problems: [
        {
          code: 'DOCUMENT_UNAVAILABLE',
          message: expect.stringMatching(/404.*3 requests/),
        },
      ],
    });
    expect(archive.requestsFor(pathOf(filing))).toHaveLength(3);
    expect(
      await counter(metrics.problems, { code: 'DOCUMENT_UNAVAILABLE' }),
    ).toBe(1);
    expect(logs.map((l) => l['msg'])).toContain(
      'Insights document given up; publishing the problem',
    );
  });

  it('honours Retry-After on a 429, holding back the shared budget', async () => {
    const filing = makeFiling({ formType: '4' });
    archive.script(
      pathOf(filing),
      { status: 429, headers: { 'Retry-After': '1' } },
      { body: 'doc' },
    );
    const { stage, publisher } = startStage();
    await publish(publisher, [filing]);
    stage.enqueue(filing);
    await waitUntil(
      async () => (await insightsEntries()).length === 1,
      'insights',
      5000,
    );
    const [first, second] = archive.requestsFor(pathOf(filing));
    expect(second.atMs - first.atMs).toBeGreaterThanOrEqual(950);
  });

  it('retries a 5xx and a timeout with backoff', async () => {
    const filing = makeFiling({ formType: '8-K' });
    archive.script(
      pathOf(filing),
      { status: 503 },
      { delayMs: 1000, body: 'late' },
      { body: 'doc' },
    );
    const { stage, publisher, metrics } = startStage({ requestTimeoutMs: 200 });
    await publish(publisher, [filing]);
    stage.enqueue(filing);
    await waitUntil(async () => (await insightsEntries()).length === 1);
    expect(await counter(metrics.fetched, { outcome: '5xx' })).toBe(1);
    expect(await counter(metrics.fetched, { outcome: 'timeout' })).toBe(1);
    expect((await insightsEntries())[0].insights).toEqual(ITEMS);
  });

  it('refuses a submission over the size cap as a problem', async () => {
    const filing = makeFiling({ formType: '8-K' });
    archive.script(pathOf(filing), { body: 'x'.repeat(5000) });
    const { stage, publisher } = startStage({ maxDocumentBytes: 1000 });
    await publish(publisher, [filing]);
    stage.enqueue(filing);
    await waitUntil(async () => (await insightsEntries()).length === 1);
    expect((await insightsEntries())[0].insights).toEqual({
      problems: [
        {
          code: 'DOCUMENT_UNAVAILABLE',
          message: expect.stringMatching(/over 1000 bytes/),
        },
      ],
    });
    expect(archive.requestsFor(pathOf(filing))).toHaveLength(1);
  });

  it('turns a garbage document into problems with the real parser, and a parser that throws into PARSE_FAILED, never a throw', async () => {
    const garbage = makeFiling({ formType: '4' });
    const other = makeFiling({ formType: '4' });
    archive.script(pathOf(garbage), {
      body: '<<<\u0000not a submission&&&'.repeat(50),
    });
    archive.script(pathOf(other), { body: 'doc' });
    const real = startStage({ parse: insightsFromSubmission });
    await publish(real.publisher, [garbage, other]);
    real.stage.enqueue(garbage);
    await waitUntil(async () => (await insightsEntries()).length === 1);
    const [first] = await insightsEntries();
    expect((first.insights['problems'] as unknown[]).length).toBeGreaterThan(0);
    const throwing = startStage({
      parse: () => {
        throw new Error('boom');
      },
    });
    throwing.stage.enqueue(other);
    await waitUntil(async () => (await insightsEntries()).length === 2);
    expect((await insightsEntries())[1].insights).toEqual({
      problems: [{ code: 'PARSE_FAILED', message: 'boom' }],
    });
  });

  it('drops the oldest waiting filings when its queue is full, counted and logged', async () => {
    const filings = Array.from({ length: 5 }, () =>
      makeFiling({ formType: '4' }),
    );
    for (const f of filings)
      archive.script(pathOf(f), { delayMs: 300, body: 'doc' });
    const { stage, publisher, metrics, logs } = startStage({
      queueSize: 2,
      concurrency: 1,
    });
    await publish(publisher, filings);
    for (const f of filings) stage.enqueue(f);
    expect(stage.depth).toBe(2);
    await waitUntil(
      async () => (await insightsEntries()).length === 3,
      'insights',
      5000,
    );
    expect((await insightsEntries()).map((e) => e.accessionNo)).toEqual(
      [filings[0], filings[3], filings[4]].map((f) => f.accessionNo),
    );
    expect(await counter(metrics.dropped)).toBe(2);
    expect(logs.map((l) => l['msg'])).toContain(
      'Insights queue full; oldest filings dropped without insights',
    );
  });

  it("publishes each filing's insights exactly once when two stages race on the same filings", async () => {
    const filings = Array.from({ length: 10 }, () =>
      makeFiling({ formType: '8-K' }),
    );
    for (const f of filings) archive.script(pathOf(f), { body: 'doc' });
    const a = startStage();
    const b = startStage();
    await publish(a.publisher, filings);
    for (const f of filings) {
      a.stage.enqueue(f);
      b.stage.enqueue(f);
    }
    await waitUntil(
      async () =>
        (await counter(a.metrics.published)) +
          (await counter(b.metrics.published)) ===
        20,
      'insights published',
      10_000,
    );
    const entries = await insightsEntries();
    expect(entries.map((e) => e.accessionNo).sort()).toEqual(
      filings.map((f) => f.accessionNo).sort(),
    );
    expect(
      (await counter(a.metrics.published, { status: 'published' })) +
        (await counter(b.metrics.published, { status: 'published' })),
    ).toBe(10);
  });

  it('holds two stages sharing the budget to its rate, measured at the archive', async () => {
    const filings = Array.from({ length: 24 }, () =>
      makeFiling({ formType: '4' }),
    );
    for (const f of filings) archive.script(pathOf(f), { body: 'doc' });
    const rate = 8;
    const budget = () =>
      new EdgarBudget(redis, {
        key: keys.edgarBudget,
        requestsPerSecond: rate,
      });
    const a = startStage({ budget: budget(), concurrency: 8 });
    const b = startStage({ budget: budget(), concurrency: 8 });
    await publish(a.publisher, filings);
    filings.forEach((f, i) => (i % 2 === 0 ? a : b).stage.enqueue(f));
    await waitUntil(
      async () => archive.requests.length === 24,
      'requests',
      10_000,
    );
    const times = archive.requests.map((r) => r.atMs).sort((x, y) => x - y);
    // No one-second window holds more than rate + 1 (the one token the bucket starts with).
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter(
        (t) => t >= times[i] && t < times[i] + 1000,
      ).length;
      expect(inWindow).toBeLessThanOrEqual(rate + 1);
    }
    // And the budget is used, not starved: 24 requests take about 23 / 8 s (2.9 s).
    const spanS = (times[times.length - 1] - times[0]) / 1000;
    expect(spanS).toBeGreaterThan(2.5);
    expect(spanS).toBeLessThan(8); // generous: a loaded machine answers late, never early
  });
});
