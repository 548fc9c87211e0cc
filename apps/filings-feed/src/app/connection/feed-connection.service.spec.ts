import { TestBed } from '@angular/core/testing';
import type { Filing } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import {
  FakeWebSocket,
  provideFakeWebSockets,
} from '../test-support/fake-web-socket';
import { insightsOf } from '../shared/filing-insights-of';
import { CFO_SALE, RESULTS_8K } from '../test-support/insights';
import { filingMessage, insightsMessage } from '../test-support/wire';
import type { InsightsUpdate } from './feed-session';
import { FeedConnection } from './feed-connection.service';

describe('FeedConnection', () => {
  let sockets: FakeWebSocket[];
  let connection: FeedConnection;
  let received: Filing[];
  let recoveryLost: number;

  const last = () => sockets[sockets.length - 1];
  const goLive = (
    socket: FakeWebSocket,
    position = '100-0',
    recovered = true,
  ) => {
    socket.open();
    socket.receive({ type: 'subscribed', position, recovered, filters: {} });
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: Date.UTC(2025, 0, 2, 15, 0, 0) });
    sockets = [];
    TestBed.configureTestingModule({
      providers: provideFakeWebSockets(sockets),
    });
    connection = TestBed.inject(FeedConnection);
    received = [];
    recoveryLost = 0;
    connection.filings.subscribe((filing) => received.push(filing));
    connection.recoveryLost.subscribe(() => (recoveryLost += 1));
  });

  afterEach(() => {
    connection.disconnect();
    jest.useRealTimers();
  });

  it('opens /ws on the page origin and subscribes with the server-side filters, without since', () => {
    connection.connect({
      tickers: ['AAPL'],
      formTypes: ['8-K'],
      includeAmendments: false,
    });
    expect(connection.status()).toBe('connecting');
    expect(last().url).toBe('ws://localhost/ws');
    last().open();
    expect(last().sentActions('subscribe_sec_filings')).toEqual([
      {
        action: 'subscribe_sec_filings',
        filters: {
          tickers: ['AAPL'],
          formTypes: ['8-K'],
          includeAmendments: false,
        },
      },
    ]);
    last().receive({ type: 'subscribed', position: '100-0', recovered: true });
    expect(connection.status()).toBe('live');
  });

  it('sends no filters field when nothing is filtered', () => {
    connection.connect({});
    last().open();
    expect(last().sent[0]).toEqual({ action: 'subscribe_sec_filings' });
  });

  it('re-sends subscribe_sec_filings with the new filters when they change while live', () => {
    connection.connect({});
    goLive(last());
    connection.updateFilters({ ciks: ['320193'] });
    expect(sockets).toHaveLength(1);
    expect(last().sentActions('subscribe_sec_filings')[1]).toEqual({
      action: 'subscribe_sec_filings',
      filters: { ciks: ['320193'] },
    });
  });

  it('passes live filings on and records when the last one arrived', () => {
    connection.connect({});
    goLive(last());
    const filing = makeFiling({ ticker: 'MSFT' });
    last().receive(filingMessage(filing, '101-0'));
    expect(received.map((f) => f.accessionNo)).toEqual([filing.accessionNo]);
    expect(received[0].filedAtMs).toBe(filing.filedAtMs);
    expect(connection.lastFilingAt()).toBe(Date.now());
  });

  it('ignores malformed frames and filings without an accession number', () => {
    connection.connect({});
    goLive(last());
    last().onmessage?.({ data: 'not json' } as MessageEvent);
    last().receive({
      type: 'sec_filing',
      position: '101-0',
      data: { formType: '4' },
    });
    expect(received).toEqual([]);
    expect(connection.status()).toBe('live');
  });

  it('counts down to the next attempt with full-jitter backoff, then resubscribes with since = last position', () => {
    connection.connect({ tickers: ['AAPL'] });
    goLive(last());
    last().receive(filingMessage(makeFiling(), '105-2'));
    last().serverClose(1006);

    // random 0.5, base 1000 ms: floor 100 + 0.5 * (1000 - 100) = 550 ms.
    expect(connection.status()).toBe('reconnecting');
    expect(connection.nextAttemptAt()).toBe(Date.now() + 550);
    jest.advanceTimersByTime(549);
    expect(sockets).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    expect(connection.nextAttemptAt()).toBeNull();

    last().open();
    expect(last().sent[0]).toEqual({
      action: 'subscribe_sec_filings',
      filters: { tickers: ['AAPL'] },
      since: '105-2',
    });
    last().receive({ type: 'subscribed', position: '110-0', recovered: true });
    expect(connection.status()).toBe('live');
    expect(recoveryLost).toBe(0);
  });

  it("starts from a given position (the history page's) and re-subscribes from one when filters change", () => {
    let fresh = 0;
    connection.subscribedFresh.subscribe(() => (fresh += 1));
    connection.connect({}, '90-0');
    last().open();
    expect(last().sent[0]).toEqual({
      action: 'subscribe_sec_filings',
      since: '90-0',
    });
    last().receive({ type: 'subscribed', position: '100-0', recovered: true });
    last().receive(filingMessage(makeFiling(), '91-0'));
    connection.connect({ tickers: ['MSFT'] }, '95-0');
    expect(sockets).toHaveLength(1);
    expect(last().sentActions('subscribe_sec_filings')[1]).toEqual({
      action: 'subscribe_sec_filings',
      filters: { tickers: ['MSFT'] },
      since: '95-0',
    });
    last().receive({ type: 'subscribed', position: '101-0', recovered: true });
    // Neither was a fresh subscription: history already meets them.
    expect(fresh).toBe(0);
    // A drop before any filing of the new subscription resumes from its start.
    last().serverClose(1006);
    jest.advanceTimersByTime(60_000);
    last().open();
    expect(last().sent[0]).toMatchObject({ since: '95-0' });
  });

  it('tells when a fresh subscription is placed (history must meet it), not when a resume is', () => {
    let fresh = 0;
    connection.subscribedFresh.subscribe(() => (fresh += 1));
    connection.connect({});
    last().open();
    last().receive({ type: 'subscribed', position: '100-0', recovered: true });
    expect(fresh).toBe(1);
    last().receive(filingMessage(makeFiling(), '101-0'));
    last().serverClose(1006);
    jest.advanceTimersByTime(60_000);
    last().open();
    expect(last().sent[0]).toMatchObject({ since: '101-0' });
    last().receive({ type: 'subscribed', position: '102-0', recovered: true });
    expect(fresh).toBe(1);
    connection.updateFilters({ tickers: ['MSFT'] });
    last().receive({ type: 'subscribed', position: '103-0', recovered: true });
    expect(fresh).toBe(2);
  });

  it('grows the delay after consecutive failures', () => {
    connection.connect({});
    last().serverClose(1006);
    expect(connection.nextAttemptAt()).toBe(Date.now() + 550);
    jest.advanceTimersByTime(550);
    last().serverClose(1006);
    // Second failure: cap 2000 ms, so 100 + 0.5 * 1900 = 1050 ms.
    expect(connection.nextAttemptAt()).toBe(Date.now() + 1050);
  });

  it('resumes from the subscribed position when no filing arrived before the drop', () => {
    connection.connect({});
    goLive(last(), '200-0');
    last().serverClose(1006);
    jest.advanceTimersByTime(550);
    last().open();
    expect(last().sent[0]).toEqual({
      action: 'subscribe_sec_filings',
      since: '200-0',
    });
  });

  it('reports recovered:false so history can be reloaded, and resumes later from the new position', () => {
    connection.connect({});
    goLive(last(), '100-0');
    last().serverClose(1006);
    jest.advanceTimersByTime(550);
    goLive(last(), '900-0', false);
    expect(recoveryLost).toBe(1);
    last().serverClose(1006);
    jest.advanceTimersByTime(1050); // the second failure in a row waits longer
    expect(sockets).toHaveLength(3);
    last().open();
    expect(last().sent[0]).toEqual({
      action: 'subscribe_sec_filings',
      since: '900-0',
    });
  });

  it('pings periodically and treats a missing pong as a dead connection', () => {
    connection.connect({});
    goLive(last());
    jest.advanceTimersByTime(20_000);
    expect(last().sentActions('ping')).toHaveLength(1);
    last().receive({ type: 'pong' });
    jest.advanceTimersByTime(20_000);
    expect(last().sentActions('ping')).toHaveLength(2);
    expect(connection.status()).toBe('live');

    jest.advanceTimersByTime(10_000);
    expect(connection.status()).toBe('reconnecting');
    expect(sockets[0].closedWith).toBe(1000);
  });

  it('shows gateway error messages in words and keeps the connection', () => {
    connection.connect({});
    goLive(last());
    last().receive({
      type: 'error',
      code: 'TOO_MANY_VALUES',
      message: 'tickers: too many',
    });
    expect(connection.error()).toEqual({
      code: 'TOO_MANY_VALUES',
      message: expect.stringContaining('Too many values'),
    });
    expect(connection.status()).toBe('live');
  });

  it('resumes with since when the gateway drops the subscription (HISTORY_UNAVAILABLE)', () => {
    connection.connect({});
    goLive(last(), '300-0');
    last().receive({
      type: 'error',
      code: 'HISTORY_UNAVAILABLE',
      message: 'replay failed',
    });
    expect(connection.status()).toBe('reconnecting');
    expect(connection.error()?.message).toMatch(/could not read past filings/);
    jest.advanceTimersByTime(550);
    last().open();
    expect(last().sent[0]).toEqual({
      action: 'subscribe_sec_filings',
      since: '300-0',
    });
  });

  it('explains a 4xxx close and reconnects', () => {
    connection.connect({});
    goLive(last());
    last().serverClose(4009, 'slow consumer');
    expect(connection.error()?.message).toMatch(/too slow to keep up/);
    expect(connection.status()).toBe('reconnecting');
    jest.advanceTimersByTime(550);
    goLive(last());
    expect(connection.error()).toBeNull();
  });

  it('never gives up: after 20 failed attempts in a row it still counts down (at most 30 s) and tries again', () => {
    connection.connect({});
    for (let attempt = 1; attempt <= 20; attempt += 1) {
      last().serverClose(1006);
      expect(connection.status()).toBe('reconnecting');
      const wait = (connection.nextAttemptAt() ?? Infinity) - Date.now();
      // random 0.5 of the capped cap: 550, 1050, ... then 15050 ms for good.
      expect(wait).toBe(attempt >= 6 ? 15_050 : 50 + 500 * 2 ** (attempt - 1));
      jest.advanceTimersByTime(wait);
      expect(sockets).toHaveLength(attempt + 1);
    }
    expect(connection.error()).toBeNull();

    // Retry now skips the wait.
    last().serverClose(1006);
    connection.retryNow();
    expect(sockets).toHaveLength(22);
    expect(connection.status()).toBe('connecting');
    goLive(last());
    expect(connection.status()).toBe('live');
  });

  it('goes offline with the browser and reconnects when it is back online', () => {
    connection.connect({});
    goLive(last());
    window.dispatchEvent(new Event('offline'));
    expect(connection.status()).toBe('offline');
    expect(sockets[0].closedWith).toBe(1000);
    window.dispatchEvent(new Event('online'));
    expect(sockets).toHaveLength(2);
  });

  it('passes insights messages on with the filing they carry, and resumes after them', () => {
    const updates: InsightsUpdate[] = [];
    connection.insights.subscribe((update) => updates.push(update));
    connection.connect({ transactionCodes: ['S'] });
    goLive(last());
    const filing = makeFiling({ formType: '4' });
    last().receive(insightsMessage(filing, '102-0', CFO_SALE));
    last().receive(insightsMessage(filing, '103-0', RESULTS_8K, false));
    expect(updates.map((u) => [u.accessionNo, u.insights])).toEqual([
      [filing.accessionNo, CFO_SALE],
      [filing.accessionNo, RESULTS_8K],
    ]);
    expect(updates[0].filing?.filedAtMs).toBe(filing.filedAtMs);
    const carried = updates[0].filing;
    expect(carried && insightsOf(carried)).toEqual(CFO_SALE);
    expect(updates[1].filing).toBeNull();
    expect(received).toEqual([]);

    last().serverClose(1006);
    jest.advanceTimersByTime(30_000);
    last().open();
    expect(last().sent[0]).toMatchObject({ since: '103-0' });
  });

  it('ignores malformed insights messages', () => {
    const updates: InsightsUpdate[] = [];
    connection.insights.subscribe((update) => updates.push(update));
    connection.connect({});
    goLive(last());
    const filing = makeFiling();
    last().receive({
      type: 'sec_filing_insights',
      position: '1-0',
      insights: {},
    });
    last().receive({
      ...insightsMessage(filing, '2-0', CFO_SALE),
      insights: [1],
    });
    last().receive({
      ...insightsMessage(filing, '3-0', CFO_SALE),
      position: 3,
    });
    expect(updates).toEqual([]);
    // A carried filing of another accession number is not taken for this one.
    last().receive({
      ...insightsMessage(filing, '4-0', CFO_SALE),
      accessionNo: '0000000001-25-000001',
    });
    expect(updates.map((u) => u.filing)).toEqual([null]);
  });
});
