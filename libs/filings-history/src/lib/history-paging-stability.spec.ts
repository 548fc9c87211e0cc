import { FilingPublisher } from '@secfeed/dedup';
import { makeFiling } from '@secfeed/filing-model/testing';
import type { Filing } from '@secfeed/filing-model';
import {
  HistoryTest,
  HistoryTestServer,
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
let publisher: FilingPublisher;
let ordered: SeededFiling[];

beforeAll(async () => {
  ({ history, ordered } = await openSeededHistory(
    'history-stability',
    buildFilings(150, 3),
  ));
  ({ redis, server } = history);
  publisher = new FilingPublisher(redis.client, {
    keys: redis.keys,
    retentionMs: RETENTION_MS,
    now: () => NOW_MS,
  });
});

afterAll(() => history?.close());

const original = (predicate: (filing: Filing) => boolean = () => true) =>
  listedAccessions(ordered, predicate);

let minute = 0;
/** Filings newer than everything listed so far, some sharing one second, one per ticker given. */
async function publishNewer(tickers: string[]): Promise<void> {
  minute += 1;
  const filedAt = new Date(NOW_MS - 3600_000 + minute * 60_000).toISOString();
  await publisher.publishBatch(
    tickers.map((ticker) =>
      makeFiling({ ticker, cik: '320193', companyName: 'Apple Inc.', filedAt }),
    ),
  );
}

describe('GET /api/filings paging under concurrent inserts', () => {
  it('walks the original set, no repeat and no skip, while newer filings arrive between pages', async () => {
    const listed = await walkPages(server, 'limit=9', () =>
      publishNewer(['AAPL', 'AAPL', 'MSFT']),
    );
    expect(listed).toEqual(original());
  });

  it('does the same through a filtered, multi-index query', async () => {
    const predicate = (f: Filing) =>
      ['AAPL', 'MSFT'].includes(f.ticker) &&
      f.formType.replace(/\/A$/, '') === '10-K';
    const listed = await walkPages(
      server,
      'ticker=AAPL,MSFT&formType=10-K&limit=2',
      () => publishNewer(['AAPL', 'MSFT']),
    );
    expect(listed).toEqual(original(predicate));
  });

  it('never repeats a filing when a newer one lands in the same second as the cursor', async () => {
    const first = (await server.request('/api/filings?limit=5&ticker=TSLA'))
      .body as PageBody;
    const last = first.filings[4] as { accessionNo: string; filedAtMs: number };
    // Same filedAt, newer stream position: it sorts before the cursor, on a page already read.
    await publisher.publish(
      makeFiling({
        ticker: 'TSLA',
        cik: '1318605',
        companyName: 'Tesla, Inc.',
        filedAt: new Date(last.filedAtMs).toISOString(),
      }),
    );
    const rest: string[] = [];
    let cursor = first.next;
    while (cursor !== null) {
      const body = (
        await server.request(
          `/api/filings?limit=5&ticker=TSLA&cursor=${cursor}`,
        )
      ).body as PageBody;
      rest.push(...body.filings.map((f) => f.accessionNo));
      cursor = body.next;
    }
    expect([...first.filings.map((f) => f.accessionNo), ...rest]).toEqual(
      original((f) => f.ticker === 'TSLA'),
    );
  });

  it('lists a late filing filed behind the cursor at most once and keeps every original', async () => {
    // Earlier tests added filings: the original set is what is listed now.
    const before = await walkPages(server, 'limit=200');
    const listed = await walkPages(server, 'limit=20', async (page) => {
      if (page !== 1) return;
      await publisher.publish(
        makeFiling({ filedAt: new Date(CUTOFF_MS + 3600_000).toISOString() }),
      );
    });
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.filter((acc) => !before.includes(acc))).toHaveLength(1);
    expect(listed.filter((acc) => before.includes(acc))).toEqual(before);
  });
});
