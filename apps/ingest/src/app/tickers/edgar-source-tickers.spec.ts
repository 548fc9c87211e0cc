import { Registry } from 'prom-client';
import { edgarSource } from '@secfeed/upstream-sources';
import {
  atomFeed,
  EventRecorder,
  FeedServer,
  type TestEntry,
} from '@secfeed/upstream-sources/testing';
import { loadShippedTickers } from './load-shipped-tickers';
import { refreshTickers } from './refresh-tickers';
import { createTickerMetrics } from './ticker-metrics';
import {
  realCompanyTickersText,
  recordingLogger,
  SHIPPED_TICKERS_FILE,
} from './test-support/ticker-files';

const userAgent = 'Secfeed Tests tests@secfeed.example';

const berkshire: TestEntry = {
  form: '8-K',
  name: 'BERKSHIRE HATHAWAY INC',
  cik: '0001067983',
  role: 'Filer',
  accessionNo: '0001193125-25-000001',
  updated: '2025-11-03T16:00:00-05:00',
};
// Tesoro (CIK 50104) is not in the SEC's map the shipped copy was made from.
const tesoro = (accessionNo: string, updated: string): TestEntry => ({
  form: '10-K',
  name: 'TESORO CORP /NEW/',
  cik: '0000050104',
  role: 'Filer',
  accessionNo,
  updated,
});

describe('the edgar source with the ticker directory (real HTTP)', () => {
  const servers: FeedServer[] = [];
  let recorder: EventRecorder | undefined;
  afterEach(async () => {
    recorder?.stop();
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('gives filings the primary ticker and its exchange, and a refreshed map applies to the next poll', async () => {
    const { logger } = recordingLogger();
    const directory = loadShippedTickers(SHIPPED_TICKERS_FILE, logger);
    expect(directory.primaryTicker('50104')).toBeUndefined();

    // The SEC's newer map lists Tesoro.
    const sec = JSON.parse(realCompanyTickersText()) as {
      fields: string[];
      data: unknown[][];
    };
    sec.data.push([50104, 'TESORO CORP', 'TSO', 'NYSE']);
    const tickersServer = await FeedServer.start(() => ({
      body: JSON.stringify(sec),
      contentType: 'application/json',
    }));
    servers.push(tickersServer);

    let refreshed = false;
    const before = tesoro('0000050104-25-000001', '2025-11-03T16:01:00-05:00');
    const after = tesoro('0000050104-25-000002', '2025-11-03T16:02:00-05:00');
    const feed = await FeedServer.start(() =>
      FeedServer.atom(
        atomFeed(refreshed ? [after, before, berkshire] : [before, berkshire]),
      ),
    );
    servers.push(feed);
    const events = (recorder = new EventRecorder(
      edgarSource({
        userAgent,
        feedUrl: feed.feedUrl,
        pollIntervalMs: 50,
        maxRequestsPerSecond: 10,
        tickers: directory,
      }),
    ));
    await events.until(() => events.filings.length === 2, 10_000);
    const ticker = (accessionNo: string) =>
      events.filings.find((f) => f.accessionNo === accessionNo)?.ticker;
    const exchange = (accessionNo: string) =>
      events.filings.find((f) => f.accessionNo === accessionNo)?.exchange;
    expect(ticker(berkshire.accessionNo)).toBe('BRK-B');
    expect(exchange(berkshire.accessionNo)).toBe('NYSE');
    expect(ticker(before.accessionNo)).toBe('');
    expect(exchange(before.accessionNo)).toBeUndefined();

    const outcome = await refreshTickers({
      url: tickersServer.feedUrl,
      userAgent,
      directory,
      metrics: createTickerMetrics(new Registry()),
      logger,
    });
    expect(outcome).toBe('ok');
    refreshed = true;
    await events.until(() => events.filings.length === 3, 10_000);
    expect(ticker(after.accessionNo)).toBe('TSO');
    expect(exchange(after.accessionNo)).toBe('NYSE');
  });
});
