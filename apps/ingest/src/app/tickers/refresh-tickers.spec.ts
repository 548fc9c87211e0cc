import { Registry } from 'prom-client';
import { FeedServer, type FeedReply } from '@secfeed/upstream-sources/testing';
import { refreshTickers, type TickerRefreshDeps } from './refresh-tickers';
import { TickerDirectory } from './ticker-directory';
import { createTickerMetrics, type TickerMetrics } from './ticker-metrics';
import {
  companyTickersText,
  realCompanyTickersText,
  recordingLogger,
} from './test-support/ticker-files';

const userAgent = 'Secfeed Tests tests@secfeed.example';
const json = (body: string, status = 200): FeedReply => ({
  status,
  body,
  contentType: 'application/json',
});

/** A budget that records what it is asked. */
class RecordingBudget {
  taken = 0;
  pauses: number[] = [];
  fail = false;
  async take(): Promise<void> {
    this.taken += 1;
    if (this.fail) throw new Error('Redis unavailable');
  }
  async pause(ms: number): Promise<void> {
    this.pauses.push(ms);
  }
}

describe('refreshTickers (real HTTP)', () => {
  let server: FeedServer | undefined;
  let directory: TickerDirectory;
  let metrics: TickerMetrics;
  let budget: RecordingBudget;
  let log: ReturnType<typeof recordingLogger>;

  beforeEach(() => {
    // The map in use before the refresh: one CIK.
    directory = new TickerDirectory(
      new Map([['320193', [{ ticker: 'AAPL', exchange: 'Nasdaq' }]]]),
    );
    metrics = createTickerMetrics(new Registry());
    budget = new RecordingBudget();
    log = recordingLogger();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function refresh(
    reply: () => FeedReply,
    options: Partial<TickerRefreshDeps> = {},
  ): Promise<string> {
    server = await FeedServer.start(reply);
    return refreshTickers({
      url: server.feedUrl.replace(
        '/cgi-bin/browse-edgar',
        '/files/company_tickers_exchange.json',
      ),
      userAgent,
      directory,
      metrics,
      logger: log.logger,
      budget,
      ...options,
    });
  }

  async function counted(): Promise<Record<string, number>> {
    const { values } = await metrics.refreshes.get();
    return Object.fromEntries(
      values.map((v) => [String(v.labels.outcome), v.value]),
    );
  }

  it("replaces the map with the SEC's file, asked with the declared User-Agent within the budget", async () => {
    const outcome = await refresh(() => json(realCompanyTickersText()));
    expect(outcome).toBe('ok');
    expect(server?.requests).toHaveLength(1);
    expect(server?.requests[0].headers['user-agent']).toBe(userAgent);
    expect(server?.requests[0].url.pathname).toBe(
      '/files/company_tickers_exchange.json',
    );
    expect(budget.taken).toBe(1);
    expect(directory.size).toBe(7_911);
    expect(directory.tickersOf('1067983').map((c) => c.ticker)).toEqual([
      'BRK-B',
      'BRK-A',
    ]);
    expect(await counted()).toEqual({ ok: 1 });
    expect((await metrics.ciks.get()).values[0].value).toBe(7_911);
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        msg: 'Ticker map refreshed',
        ciks: 7_911,
        previous: 1,
      }),
    );
  });

  it.each([
    ['a 500', () => json('oops', 500), '5xx'],
    ['a 404', () => json('not here', 404), '404'],
    ['garbage', () => json('<html>maintenance</html>'), 'invalid'],
    [
      'the wrong shape',
      () => json('{"0":{"cik_str":1,"ticker":"A"}}'),
      'invalid',
    ],
    [
      'a file with non-string tickers',
      () => json(companyTickersText([[1, 'x', 7, 'NYSE']])),
      'invalid',
    ],
    ['an empty file', () => json(companyTickersText([])), 'invalid'],
  ])(
    'keeps the current map on %s, counted and logged',
    async (_name, reply, outcome) => {
      expect(await refresh(reply)).toBe(outcome);
      expect(directory.primaryTicker('320193')).toBe('AAPL');
      expect(directory.size).toBe(1);
      expect(await counted()).toEqual({ [outcome]: 1 });
      expect(log.lines).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          msg: 'Ticker map refresh failed; keeping the current map',
          outcome,
          ciks: 1,
        }),
      );
    },
  );

  it('keeps the current map when the answer is over the size cap', async () => {
    const outcome = await refresh(() => json(realCompanyTickersText()), {
      maxBytes: 100_000,
    });
    expect(outcome).toBe('too_large');
    expect(directory.size).toBe(1);
    expect(await counted()).toEqual({ too_large: 1 });
  });

  it('keeps the current map when the server does not answer in time', async () => {
    const outcome = await refresh(() => 'hang', { timeoutMs: 300 });
    expect(outcome).toBe('timeout');
    expect(directory.size).toBe(1);
    expect(await counted()).toEqual({ timeout: 1 });
  });

  it('keeps the current map when nothing listens', async () => {
    server = await FeedServer.start(() => json(''));
    const url = server.feedUrl;
    await server.close();
    server = undefined;
    const outcome = await refreshTickers({
      url,
      userAgent,
      directory,
      metrics,
      logger: log.logger,
      budget,
    });
    expect(outcome).toBe('network');
    expect(directory.size).toBe(1);
  });

  it('pauses the shared budget after a 429, for Retry-After', async () => {
    const outcome = await refresh(() => ({
      status: 429,
      body: 'slow down',
      headers: { 'Retry-After': '120' },
    }));
    expect(outcome).toBe('429');
    expect(budget.pauses).toEqual([120_000]);
    expect(directory.size).toBe(1);
  });

  it('still asks when the budget cannot be read (one request a day)', async () => {
    budget.fail = true;
    expect(await refresh(() => json(realCompanyTickersText()))).toBe('ok');
    expect(directory.size).toBe(7_911);
  });

  it('sends nothing once stopped', async () => {
    const abort = new AbortController();
    abort.abort();
    const outcome = await refresh(() => json(realCompanyTickersText()), {
      signal: abort.signal,
    });
    expect(outcome).toBe('stopped');
    expect(server?.requests).toHaveLength(0);
    expect(await counted()).toEqual({});
  });
});
