import { parseEdgarIndex } from '@secfeed/edgar-index';
import { createLogger, findDataFile } from '@secfeed/service-runtime';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  waitUntil,
  type TestRedis,
} from '@secfeed/test-kit';
import {
  startArchiveStandIn,
  type ArchiveStandIn,
} from '../insights/test-support/archive-stand-in';
import { loadShippedTickers } from '../tickers/load-shipped-tickers';
import { reconcileDay } from './reconcile-day';
import {
  FORM_20200318,
  HEADER_3M_8K,
  HEADER_AAR_FORM4,
  INDEX_PATH_20200318,
  headerPath,
} from './test-support/edgar-day';
import {
  EVENING_20200318,
  UA,
  publishAllBut,
  reconcileContext,
  streamFilings,
  type ReconcileContext,
} from './test-support/reconcile-context';

/** An 8-K, a Form 4 listed under three entities, and a 1-A, all of 2020-03-18. */
const EIGHT_K = '0001564590-20-011604'; // 1Life Healthcare Inc, CIK 1404123
const FORM_4 = '0000899243-20-008928'; // 10x Genomics and two SoftBank owners
const ONE_A = '0001140361-20-006155'; // DLP Positive Note Fund LLC, CIK 1806014
const MISSING = [EIGHT_K, FORM_4, ONE_A];

/**
 * The reconciliation on real Redis against a real HTTP stand-in of EDGAR's archive serving the
 * real daily index of 2020-03-18. The headers served for two of the missing filings are real
 * headers of other filings (3M's 8-K, AAR's Form 4): what matters is that the acceptance time
 * and the items are read from whatever header EDGAR answers.
 */
describe('reconcileDay', () => {
  let redis: TestRedis;
  let archive: ArchiveStandIn;
  let ctx: ReconcileContext;
  const prefixes: string[] = [];

  beforeAll(async () => {
    redis = await connectTestRedis();
  });
  beforeEach(async () => {
    archive = await startArchiveStandIn();
    ctx = reconcileContext(redis, archive);
    prefixes.push(ctx.prefix);
  });
  afterEach(() => archive.close());
  afterAll(async () => {
    for (const prefix of prefixes) await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  function serveDay() {
    archive.script(INDEX_PATH_20200318, { body: FORM_20200318 });
    archive.script(headerPath('1404123', EIGHT_K), { body: HEADER_3M_8K() });
    archive.script(headerPath('1770787', FORM_4), { body: HEADER_AAR_FORM4() });
    // ONE_A's header answers 404: the index row alone makes the filing.
  }

  const storedReport = async (date: string) =>
    JSON.parse(
      (await redis.get(ctx.completenessKeys.report(date))) ?? 'null',
    ) as unknown;

  const metric = async (name: string) =>
    (await ctx.registry.getSingleMetric(name)?.get())?.values ?? [];

  it('publishes exactly the three filings secfeed lacked, once, and reports the day', async () => {
    serveDay();
    expect(await publishAllBut(ctx.publisher, FORM_20200318, MISSING)).toBe(
      2663,
    );
    const before = await redis.xLen(ctx.keys.stream);

    const outcome = await reconcileDay('2020-03-18', ctx.deps);

    const report = {
      date: '2020-03-18',
      indexed: 2666,
      have: 2666,
      missing: [],
      late: 3,
      checkedAt: new Date(EVENING_20200318).toISOString(),
    };
    expect(outcome).toEqual({ kind: 'reconciled', report });
    expect(await storedReport('2020-03-18')).toEqual(report);
    expect(await redis.xLen(ctx.keys.stream)).toBe(before + 3);
    const late = (await streamFilings(redis, ctx.keys)).filter(
      (f) => f.source === 'edgar-index',
    );
    expect(late.map((f) => f.accessionNo).sort()).toEqual([...MISSING].sort());
    const byAccession = new Map(late.map((f) => [f.accessionNo, f]));
    expect(byAccession.get(EIGHT_K)).toMatchObject({
      cik: '1404123',
      companyName: '1Life Healthcare Inc',
      formType: '8-K',
      ticker: '',
      filedAt: '2024-03-08T12:01:45-05:00',
      items: ['Item 8.01: Other Events'],
      linkToTxt: `${archive.url}/Archives/edgar/data/1404123/000156459020011604/${EIGHT_K}.txt`,
    });
    expect(byAccession.get(FORM_4)).toMatchObject({
      cik: '1770787',
      companyName: '10x Genomics, Inc.',
      formType: '4',
      filedAt: '2025-01-10T16:07:30-05:00',
      entities: [
        { cik: '1770787', companyName: '10x Genomics, Inc.' },
        { cik: '1731509', companyName: 'SB INVESTMENT ADVISERS (UK) LTD' },
        { cik: '1805808', companyName: 'SOFTBANK VISION FUND (AIV M2) L.P.' },
      ],
    });
    expect(byAccession.get(FORM_4)?.items).toBeUndefined();
    expect(byAccession.get(ONE_A)).toMatchObject({
      cik: '1806014',
      formType: '1-A',
      filedAt: '2020-03-18T00:00:00-04:00',
      filingDate: '2020-03-18',
    });
    // One index request and one header request per missing filing, each declared.
    expect(archive.requestsFor(INDEX_PATH_20200318)).toHaveLength(1);
    expect(archive.requests).toHaveLength(4);
    expect(archive.requests.every((r) => r.userAgent === UA)).toBe(true);
    expect(await metric('secfeed_ingest_completeness_late_total')).toEqual([
      expect.objectContaining({ value: 3 }),
    ]);
    expect(await metric('secfeed_ingest_completeness_last_late')).toEqual([
      expect.objectContaining({ value: 3 }),
    ]);
    // Progress: the run starts at what secfeed had and ends at the whole index; it lives in
    // Redis only while the run holds the day.
    expect(
      ctx.logs
        .filter((l) => l['msg'] === 'Completeness: backfilling')
        .map(({ date, done, total, published }) => ({
          date,
          done,
          total,
          published,
        })),
    ).toEqual([
      { date: '2020-03-18', done: 2663, total: 2666, published: 0 },
      { date: '2020-03-18', done: 2666, total: 2666, published: 3 },
    ]);
    expect(
      await metric('secfeed_ingest_completeness_backfill_remaining'),
    ).toEqual([expect.objectContaining({ value: 0 })]);
    expect(
      await redis.exists(ctx.completenessKeys.progress('2020-03-18')),
    ).toBe(0);
    expect(ctx.logs).toContainEqual(
      expect.objectContaining({
        msg: 'Completeness reconciled',
        date: '2020-03-18',
        hadBefore: 2663,
        late: 3,
        missing: 0,
      }),
    );

    // Run again: nothing more is published, the report still says 3 came late.
    const again = await reconcileDay('2020-03-18', ctx.deps);
    expect(again).toEqual({ kind: 'reconciled', report });
    expect(await redis.xLen(ctx.keys.stream)).toBe(before + 3);
    expect(await metric('secfeed_ingest_completeness_late_total')).toEqual([
      expect.objectContaining({ value: 3 }),
    ]);
  });

  it("names the filer's ticker and exchange from the ticker directory", async () => {
    serveDay();
    await publishAllBut(ctx.publisher, FORM_20200318, MISSING);
    const tickers = loadShippedTickers(
      findDataFile('edgar/company-tickers-exchange.json', __dirname),
      createLogger('test', 'silent'),
    );

    await reconcileDay('2020-03-18', { ...ctx.deps, tickers });

    const late = new Map(
      (await streamFilings(redis, ctx.keys))
        .filter((f) => f.source === 'edgar-index')
        .map((f) => [f.accessionNo, f]),
    );
    // 10x Genomics is listed (TXG on Nasdaq); 1Life Healthcare was delisted in 2023.
    expect(late.get(FORM_4)).toMatchObject({
      ticker: 'TXG',
      exchange: 'Nasdaq',
    });
    expect(late.get(EIGHT_K)?.ticker).toBe('');
    expect(late.get(EIGHT_K)?.exchange).toBeUndefined();
  });

  it('runs a day once at a time, whoever asks: concurrent runs publish each filing once', async () => {
    serveDay();
    await publishAllBut(ctx.publisher, FORM_20200318, MISSING);
    const outcomes = await Promise.all([
      reconcileDay('2020-03-18', ctx.deps),
      reconcileDay('2020-03-18', ctx.deps),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['busy', 'reconciled']);
    const late = (await streamFilings(redis, ctx.keys)).filter(
      (f) => f.source === 'edgar-index',
    );
    expect(late).toHaveLength(3);
    expect(await redis.exists(ctx.completenessKeys.lock('2020-03-18'))).toBe(0);
  });

  /** The first 25 accessions of the day: a batch of 20, then one of 5. */
  const TWENTY_FIVE = parseEdgarIndex(FORM_20200318)
    .accessions.slice(0, 25)
    .map((a) => a.accessionNo);

  it('publishes in batches of 20 and stores the progress while it runs', async () => {
    archive.script(INDEX_PATH_20200318, { body: FORM_20200318 });
    await publishAllBut(ctx.publisher, FORM_20200318, TWENTY_FIVE);
    const progressKey = ctx.completenessKeys.progress('2020-03-18');
    const seen: unknown[] = [];
    const run = reconcileDay('2020-03-18', ctx.deps);
    await waitUntil(
      async () => {
        const stored = await redis.get(progressKey);
        if (stored !== null && seen.at(-1) !== stored) seen.push(stored);
        return seen.includes(
          JSON.stringify({ done: 2661, total: 2666, published: 20 }),
        );
      },
      'the progress after the first batch',
      20_000,
    );
    expect(await run).toMatchObject({
      kind: 'reconciled',
      report: { indexed: 2666, have: 2666, late: 25, missing: [] },
    });
    expect(await redis.exists(progressKey)).toBe(0);
    expect(
      ctx.logs
        .filter((l) => l['msg'] === 'Completeness: backfilling')
        .map((l) => [l['done'], l['published']]),
    ).toEqual([
      [2641, 0],
      [2661, 20],
      [2666, 25],
    ]);
  });

  it('stops when the day is taken from it (its lock lost), publishing nothing more', async () => {
    archive.script(INDEX_PATH_20200318, { body: FORM_20200318 });
    await publishAllBut(ctx.publisher, FORM_20200318, TWENTY_FIVE);
    const before = await redis.xLen(ctx.keys.stream);
    const lock = ctx.completenessKeys.lock('2020-03-18');
    let taken = false;
    const outcome = await reconcileDay('2020-03-18', {
      ...ctx.deps,
      lockTtlMs: 10_000,
      lockRenewMs: 50,
      onPublished: () => {
        // After the first batch: the lock expired (a long stall) and another run took the day.
        if (taken) return;
        taken = true;
        void redis.set(lock, 'token-of-another-run', { PX: 10_000 });
      },
    });
    expect(outcome).toEqual({ kind: 'stopped' });
    expect(await redis.xLen(ctx.keys.stream)).toBe(before + 20);
    expect(await redis.get(lock)).toBe('token-of-another-run');
    expect(
      await redis.get(ctx.completenessKeys.report('2020-03-18')),
    ).toBeNull();
    expect(ctx.logs).toContainEqual(
      expect.objectContaining({
        msg: "Completeness: the day's lock was lost; stopped (a new run carries on)",
      }),
    );
  });

  it('answers not-published while the index is 404, keeps checkedAt null, then reconciles once it is there', async () => {
    const first = await reconcileDay('2020-03-18', ctx.deps);
    expect(first).toEqual({
      kind: 'not-published',
      report: {
        date: '2020-03-18',
        indexed: 0,
        have: 0,
        missing: [],
        late: 0,
        checkedAt: null,
      },
    });
    expect(await storedReport('2020-03-18')).toMatchObject({ checkedAt: null });
    expect(archive.requestsFor(INDEX_PATH_20200318)).toHaveLength(1);
    expect(await metric('secfeed_ingest_completeness_runs_total')).toEqual([
      expect.objectContaining({
        labels: { outcome: 'not_published' },
        value: 1,
      }),
    ]);

    serveDay();
    await publishAllBut(ctx.publisher, FORM_20200318, MISSING);
    const second = await reconcileDay('2020-03-18', ctx.deps);
    expect(second).toMatchObject({
      kind: 'reconciled',
      report: { late: 3, missing: [] },
    });
  });

  it('reports a malformed index with a code, publishes nothing and throws nothing', async () => {
    archive.script(INDEX_PATH_20200318, {
      body: '<html><body>Your request has been identified as part of a network of automated tools</body></html>',
    });
    const outcome = await reconcileDay('2020-03-18', ctx.deps);
    expect(outcome).toMatchObject({ kind: 'failed', code: 'INDEX_MALFORMED' });
    expect(await redis.xLen(ctx.keys.stream)).toBe(0);
    expect(
      await redis.get(ctx.completenessKeys.report('2020-03-18')),
    ).toBeNull();
    expect(await metric('secfeed_ingest_completeness_runs_total')).toEqual([
      expect.objectContaining({ labels: { outcome: 'malformed' }, value: 1 }),
    ]);
  });

  it('gives up on an archive answering 500 with INDEX_UNAVAILABLE, after its retries', async () => {
    archive.script(INDEX_PATH_20200318, { status: 500 });
    const outcome = await reconcileDay('2020-03-18', ctx.deps);
    expect(outcome).toMatchObject({
      kind: 'failed',
      code: 'INDEX_UNAVAILABLE',
    });
    expect(archive.requestsFor(INDEX_PATH_20200318)).toHaveLength(3);
  });

  it('refuses a bad date and a day past the retention, asking EDGAR nothing', async () => {
    expect(await reconcileDay('2020-02-30', ctx.deps)).toMatchObject({
      code: 'DATE_INVALID',
    });
    expect(await reconcileDay('2020-03-01', ctx.deps)).toMatchObject({
      code: 'DATE_PAST_RETENTION',
    });
    expect(archive.requests).toHaveLength(0);
  });
});
