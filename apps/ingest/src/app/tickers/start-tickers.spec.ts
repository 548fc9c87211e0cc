import { Registry } from 'prom-client';
import { FeedServer } from '@secfeed/upstream-sources/testing';
import { startTickers, type TickersDeps } from './start-tickers';
import { eventually, FakeTimers } from './test-support/fake-timers';
import {
  companyTickersText,
  recordingLogger,
  SHIPPED_TICKERS_FILE,
} from './test-support/ticker-files';

const userAgent = 'Secfeed Tests tests@secfeed.example';
const budget = { take: async () => undefined, pause: async () => undefined };

describe('startTickers', () => {
  let server: FeedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  function deps(
    config: Partial<TickersDeps['config']>,
    timers = new FakeTimers(),
  ) {
    const log = recordingLogger();
    const registry = new Registry();
    return {
      log,
      registry,
      timers,
      deps: {
        config: {
          tickerFile: SHIPPED_TICKERS_FILE,
          tickersUrl: 'https://www.sec.gov/files/company_tickers_exchange.json',
          tickersRefreshEnabled: false,
          tickersUserAgent: userAgent,
          userAgent: undefined,
          ...config,
        },
        budget,
        registry,
        logger: log.logger,
        timers,
      } satisfies TickersDeps,
    };
  }

  it('with no user agent declared: the shipped copy, never refreshed, said in one info line', async () => {
    const { deps: d, log, registry, timers } = deps({});
    const tickers = startTickers(d);
    expect(tickers.directory.size).toBe(7_911);
    expect(tickers.directory.tickersOf('1067983').map((c) => c.ticker)).toEqual(
      ['BRK-B', 'BRK-A'],
    );
    expect(timers.pending).toHaveLength(0);
    expect(log.lines).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'Ticker map: the shipped copy, not refreshed',
        reason: 'no SEC_USER_AGENT declared',
        ciks: 7_911,
      }),
    ]);
    expect(
      await registry.getSingleMetricAsString('secfeed_ingest_ticker_ciks'),
    ).toMatch(/secfeed_ingest_ticker_ciks 7911/);
    await tickers.stop();
  });

  it('refreshed: at start from the URL, then daily', async () => {
    server = await FeedServer.start(() => ({
      body: companyTickersText([
        [320193, 'Apple Inc.', 'AAPL', 'Nasdaq'],
        [50104, 'TESORO CORP', 'TSO', 'NYSE'],
      ]),
      contentType: 'application/json',
    }));
    const { deps: d, timers } = deps({
      tickersRefreshEnabled: true,
      tickersUrl: server.feedUrl,
      userAgent,
    });
    const tickers = startTickers({ ...d, limits: { minCiks: 1 } });
    expect(tickers.directory.primaryTicker('50104')).toBeUndefined();
    expect(timers.fire()).toBe(0);
    await eventually(() => tickers.directory.primaryTicker('50104') === 'TSO');
    expect(server.requests[0].headers['user-agent']).toBe(userAgent);
    await eventually(() => timers.pending.length === 1);
    expect(timers.pending[0].ms).toBe(24 * 60 * 60 * 1000);
    await tickers.stop();
    expect(timers.pending).toHaveLength(0);
  });

  it('a shipped copy that cannot be read: empty tickers and an error line, not a failed start', async () => {
    const { deps: d, log } = deps({ tickerFile: '/nonexistent/tickers.json' });
    const tickers = startTickers(d);
    expect(tickers.directory.size).toBe(0);
    expect(log.lines[0]).toMatchObject({
      level: 'error',
      msg: 'Shipped ticker map unreadable; tickers empty until a refresh',
    });
    await tickers.stop();
  });
});
