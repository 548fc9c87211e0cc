import type { Filing } from '@secfeed/filing-model';
import {
  HistoryTest,
  HistoryTestServer,
  startHistoryServer,
  TestRedis,
} from './test-support/history-test-server';
import {
  buildFilings,
  CUTOFF_MS,
  listedAccessions,
  NOW_MS,
  RETENTION_MS,
  SeededFiling,
} from './test-support/seed-filings';
import { openSeededHistory } from './test-support/seeded-history';
import { PageBody, walkPages } from './test-support/walk-pages';

let history: HistoryTest;
let redis: TestRedis;
let server: HistoryTestServer;
let ordered: SeededFiling[];

beforeAll(async () => {
  ({ history, ordered } = await openSeededHistory(
    'history-list',
    buildFilings(400),
  ));
  ({ redis, server } = history);
});

afterAll(() => history?.close());

/** Accession numbers the API must list for a predicate, in listing order. */
function expected(
  predicate: (filing: Filing) => boolean = () => true,
): string[] {
  return listedAccessions(ordered, predicate);
}

async function page(query: string): Promise<PageBody> {
  const reply = await server.request(`/api/filings?${query}`);
  expect(reply.status).toBe(200);
  return reply.body as PageBody;
}

const baseForm = (filing: Filing) => filing.formType.replace(/\/A$/, '');
const dayBounds = (from: string, to: string) => (filing: Filing) =>
  filing.filedAtMs >= Date.parse(from) && filing.filedAtMs < Date.parse(to);

describe('GET /api/filings', () => {
  it('seeds a data set that exercises ties and the retention cut-off', () => {
    const scores = ordered.map(({ filing }) => filing.filedAtMs);
    expect(new Set(scores).size).toBeLessThan(scores.length - 50);
    expect(scores.some((ms) => ms < CUTOFF_MS)).toBe(true);
  });

  it('lists the newest 50 by default, newest filedAt first, ties newest position first', async () => {
    const reply = await server.request('/api/filings');
    expect(reply.headers.get('content-type')).toBe(
      'application/json; charset=utf-8',
    );
    const body = reply.body as PageBody;
    expect(body.filings.map((f) => f.accessionNo)).toEqual(
      expected().slice(0, 50),
    );
    expect(typeof body.next).toBe('string');
  });

  it('serves each filing as stored, byte for byte', async () => {
    const reply = await server.request('/api/filings?limit=3');
    const stored = await redis.client.mGet(
      expected().slice(0, 3).map(redis.keys.filing),
    );
    expect(
      reply.text.startsWith(`{"filings":[${stored.join(',')}],"next":"`),
    ).toBe(true);
  });

  it('treats blank parameters as absent, as in the contract template', async () => {
    const body = await page(
      'ticker=&cik=&formType=&q=&from=&to=&cursor=&limit=',
    );
    expect(body.filings).toHaveLength(50);
  });

  it.each([1, 7, 50, 200])(
    'pages through everything with limit=%i exactly once in order',
    async (limit) => {
      expect(await walkPages(server, `limit=${limit}`)).toEqual(expected());
    },
  );

  it('answers next=null on the last page', async () => {
    const all = expected();
    const body = await page(`limit=200&from=2025-03-11`);
    expect(body.next).toBeNull();
    expect(body.filings.length).toBeLessThan(all.length);
  });

  describe('filters (contracts §3)', () => {
    it.each([
      ['ticker=aapl', (f: Filing) => f.ticker === 'AAPL'],
      ['ticker=AAPL,msft', (f: Filing) => ['AAPL', 'MSFT'].includes(f.ticker)],
      [
        'ticker=AAPL&ticker=brk-b',
        (f: Filing) => ['AAPL', 'BRK-B'].includes(f.ticker),
      ],
      ['cik=0000320193', (f: Filing) => f.cik === '320193'],
      [
        'cik=320193,1999001',
        (f: Filing) => ['320193', '1999001'].includes(f.cik),
      ],
      ['formType=10-k', (f: Filing) => baseForm(f) === '10-K'],
      [
        'formType=10-K&includeAmendments=false',
        (f: Filing) => f.formType === '10-K',
      ],
      ['formType=SC%2013D', (f: Filing) => baseForm(f) === 'SC 13D'],
      ['formType=sc+13d/a', (f: Filing) => f.formType === 'SC 13D/A'],
      ['formType=4,8-K', (f: Filing) => ['4', '8-K'].includes(baseForm(f))],
      ['q=apple', (f: Filing) => f.companyName.toLowerCase().includes('apple')],
      ['q=%20HOSPITALITY%20', (f: Filing) => f.ticker === 'APLE'],
      [
        'ticker=AAPL&formType=10-K',
        (f: Filing) => f.ticker === 'AAPL' && baseForm(f) === '10-K',
      ],
      ['ticker=AAPL&cik=789019', () => false],
      ['ticker=AAPL,MSFT&cik=789019', (f: Filing) => f.ticker === 'MSFT'],
      [
        'cik=1999001&formType=4&includeAmendments=false',
        (f: Filing) => f.cik === '1999001' && f.formType === '4',
      ],
      [
        'q=inc&formType=8-K',
        (f: Filing) => /inc/i.test(f.companyName) && baseForm(f) === '8-K',
      ],
      ['q=no-such-company', () => false],
    ])('%s', async (query, predicate) => {
      const want = expected(predicate);
      expect(
        (await page(`${query}&limit=200`)).filings.map((f) => f.accessionNo),
      ).toEqual(want.slice(0, 200));
      expect(await walkPages(server, `${query}&limit=6`)).toEqual(want);
    });
  });

  describe('from and to', () => {
    it.each([
      // 9 March is the spring-forward day: New York midnight is -05:00, the next one -04:00.
      [
        'from=2025-03-09&to=2025-03-09',
        dayBounds('2025-03-09T05:00:00Z', '2025-03-10T04:00:00Z'),
      ],
      [
        'from=2025-03-10&to=2025-03-10',
        dayBounds('2025-03-10T04:00:00Z', '2025-03-11T04:00:00Z'),
      ],
      [
        'from=2025-03-10',
        dayBounds('2025-03-10T04:00:00Z', '2100-01-01T00:00:00Z'),
      ],
      [
        'to=2025-03-07',
        dayBounds('1970-01-01T00:00:00Z', '2025-03-08T05:00:00Z'),
      ],
      [
        'from=2025-03-10T09:30:00-04:00&to=2025-03-10T18:00:00Z',
        dayBounds('2025-03-10T13:30:00Z', '2025-03-10T18:00:00.001Z'),
      ],
      // An unencoded + arrives as a space; the offset is still read as +hh:mm.
      [
        'from=2025-03-10T14:30:00+01:00&to=2025-03-10T18:00:00%2B00:00',
        dayBounds('2025-03-10T13:30:00Z', '2025-03-10T18:00:00.001Z'),
      ],
      [
        'from=2025-03-10T09:30&to=2025-03-10T16:00:00.000',
        dayBounds('2025-03-10T13:30:00Z', '2025-03-10T20:00:00.001Z'),
      ],
      [
        'from=2025-03-06&to=2025-03-11&ticker=TSLA',
        (f: Filing) =>
          dayBounds('2025-03-06T05:00:00Z', '2025-03-12T04:00:00Z')(f) &&
          f.ticker === 'TSLA',
      ],
    ])('%s', async (query, predicate) => {
      expect(await walkPages(server, `${query}&limit=40`)).toEqual(
        expected(predicate),
      );
    });

    it('never serves filings before the retention cut-off, even when asked and still indexed', async () => {
      const old = ordered.filter(({ filing }) => filing.filedAtMs < CUTOFF_MS);
      expect(
        await redis.client.zScore(redis.keys.history, old[0].member),
      ).not.toBeNull();
      const listed = await walkPages(
        server,
        'to=2025-03-05T23:00:00Z&limit=200',
      );
      expect(listed).toEqual(
        expected((f) => f.filedAtMs <= Date.parse('2025-03-05T23:00:00Z')),
      );
      const oldTicker = old[0].filing.ticker || 'AAPL';
      const byTicker = await walkPages(server, `ticker=${oldTicker}&limit=200`);
      expect(byTicker).not.toContain(old[0].filing.accessionNo);
    });
  });

  it('keeps paging with a short page when the scan bound is hit', async () => {
    const bounded = await startHistoryServer({
      redis: redis.client,
      keys: redis.keys,
      retentionMs: RETENTION_MS,
      now: () => NOW_MS,
      maxScanEntries: 201,
    });
    try {
      const query = 'q=hospitality&limit=200';
      const first = (await bounded.request(`/api/filings?${query}`))
        .body as PageBody;
      expect(first.filings.length).toBeLessThan(
        expected((f) => f.ticker === 'APLE').length,
      );
      expect(first.next).not.toBeNull();
      expect(await walkPages(bounded, query)).toEqual(
        expected((f) => f.ticker === 'APLE'),
      );
    } finally {
      await bounded.close();
    }
  });
});
