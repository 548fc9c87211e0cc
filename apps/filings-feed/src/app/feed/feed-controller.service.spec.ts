import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  type TestRequest,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Filing } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { Alerts } from '../alerts/alerts.service';
import { Watchlist } from '../alerts/watchlist.service';
import { FilterState } from '../filters/filter-state.service';
import { BROWSER_STORAGE } from '../shared/browser-storage';
import {
  FakeWebSocket,
  provideFakeWebSockets,
} from '../test-support/fake-web-socket';
import { insightsOf } from '../shared/filing-insights-of';
import { CFO_SALE, DIRECTOR_BUY } from '../test-support/insights';
import { filingMessage, insightsMessage, wire } from '../test-support/wire';
import { FILTER_SETTLE_MS, FeedController } from './feed-controller.service';
import { FEED_LIMITS } from './feed-limits';
import { FeedStore } from './feed-store.service';

/** A small bound, so that a test can reach it; no other test comes near it. */
const MAX_ROWS = 10;

describe('FeedController', () => {
  let sockets: FakeWebSocket[];
  let http: HttpTestingController;
  let controller: FeedController;
  let filters: FilterState;

  const socket = () => sockets[sockets.length - 1];
  const rowIds = () =>
    controller.rows().map((entry) => entry.filing.accessionNo);
  const historyRequest = (): TestRequest =>
    http.expectOne((req) => req.url === '/api/filings');
  const flushPage = (
    request: TestRequest,
    filings: Filing[],
    next: string | null = null,
    position?: string,
  ) =>
    request.flush(
      { filings: filings.map(wire), next },
      position ? { headers: { 'Stream-Position': position } } : {},
    );
  /** Answers the first page (at stream position 5-0); the feed then subscribes from it. */
  const startFeed = (filings: Filing[], next: string | null = null) => {
    expect(sockets).toHaveLength(0);
    flushPage(historyRequest(), filings, next, '5-0');
    socket().open();
    expect(socket().sentActions('subscribe_sec_filings')).toEqual([
      { action: 'subscribe_sec_filings', since: '5-0' },
    ]);
    socket().receive({ type: 'subscribed', position: '5-0', recovered: true });
  };
  const hour = (h: number, ticker = 'ACME') =>
    makeFiling({
      ticker,
      filedAt: `2025-01-02T${String(h).padStart(2, '0')}:00:00-05:00`,
    });

  beforeEach(() => {
    jest.useFakeTimers();
    sockets = [];
    const memory = new Map<string, string>();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideFakeWebSockets(sockets),
        { provide: FEED_LIMITS, useValue: { maxRows: MAX_ROWS } },
        {
          provide: BROWSER_STORAGE,
          useValue: {
            getItem: (k: string) => memory.get(k) ?? null,
            setItem: (k: string, v: string) => memory.set(k, v),
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    controller = TestBed.inject(FeedController);
    filters = TestBed.inject(FilterState);
    filters.applyQuery({});
    controller.start();
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('shows history and live filings in one list, newest first, deduplicated', () => {
    const [nine, ten, eleven] = [hour(9), hour(10), hour(11)];
    startFeed([ten, nine]);
    socket().receive(filingMessage(eleven, '2-0'));
    socket().receive(filingMessage(ten, '3-0'));
    expect(rowIds()).toEqual([eleven, ten, nine].map((f) => f.accessionNo));
    expect(controller.announcement()).toBe('1 new filing');
  });

  it('pages older history with the cursor of the previous page', () => {
    startFeed([hour(10)], 'NEXT');
    controller.loadMore();
    const older = historyRequest();
    expect(older.request.params.get('cursor')).toBe('NEXT');
    flushPage(older, [hour(9)]);
    expect(controller.rows()).toHaveLength(2);
    expect(controller.hasMore()).toBe(false);
    controller.loadMore(); // nothing left: no request
  });

  it('stops paging older history once live filings have pushed the list past its bound', () => {
    startFeed([hour(1)], 'NEXT');
    // A page was asked for before the bound was reached: when it answers, it would sit
    // after a hole, so it is left out.
    controller.loadMore();
    const older = historyRequest();
    const live = Array.from({ length: MAX_ROWS }, (_, i) => hour(2 + i));
    live.forEach((filing, i) =>
      socket().receive(filingMessage(filing, `${10 + i}-0`)),
    );
    flushPage(older, [hour(0)], 'OLDER');
    expect(rowIds()).toEqual(live.map((f) => f.accessionNo).reverse());
    expect(controller.hasMore()).toBe(false);
    controller.loadMore(); // the bound: no request (http.verify checks)
  });

  it('applies filters to the rows at once, then reloads history and re-subscribes from its position once they settle', () => {
    const apple = hour(10, 'AAPL');
    const acme = hour(11, 'ACME');
    startFeed([acme, apple]);

    filters.patch({ tickers: ['AAPL'] });
    TestBed.tick();
    expect(rowIds()).toEqual([apple.accessionNo]);
    expect(socket().sentActions('subscribe_sec_filings')).toHaveLength(1);

    jest.advanceTimersByTime(FILTER_SETTLE_MS);
    const reload = historyRequest();
    expect(reload.request.params.get('ticker')).toBe('AAPL');
    // The subscription waits for the page, then starts right after it.
    expect(socket().sentActions('subscribe_sec_filings')).toHaveLength(1);
    flushPage(reload, [apple], null, '9-0');
    expect(socket().sentActions('subscribe_sec_filings')[1]).toEqual({
      action: 'subscribe_sec_filings',
      filters: { tickers: ['AAPL'] },
      since: '9-0',
    });
    expect(rowIds()).toEqual([apple.accessionNo]);
  });

  it('subscribes once, with the newest filters, when they change before the first page answers', () => {
    filters.patch({ formTypes: ['8-K'] });
    TestBed.tick();
    jest.advanceTimersByTime(FILTER_SETTLE_MS);
    // The first request was replaced by the one with the new filters; no socket yet.
    const [first, reload] = http.match((req) => req.url === '/api/filings');
    expect(first.cancelled).toBe(true);
    expect(reload.request.params.get('formType')).toBe('8-K');
    expect(sockets).toHaveLength(0);
    flushPage(reload, [], null, '7-0');
    socket().open();
    expect(socket().sentActions('subscribe_sec_filings')).toEqual([
      {
        action: 'subscribe_sec_filings',
        filters: { formTypes: ['8-K'] },
        since: '7-0',
      },
    ]);
  });

  it('a live filing published after the page, with an older filedAt, still joins the list in its place', () => {
    const [nine, ten, eleven] = [hour(9), hour(10), hour(11)];
    startFeed([eleven, nine]);
    // Replayed by the gateway from the page's position: published late, filed earlier.
    socket().receive(filingMessage(ten, '6-0'));
    expect(rowIds()).toEqual([eleven, ten, nine].map((f) => f.accessionNo));
  });

  it('reloads history and says so when the gateway cannot resume (recovered: false)', () => {
    startFeed([hour(9)]);
    socket().serverClose(1006);
    jest.advanceTimersByTime(550);
    socket().open();
    expect(socket().sent[0]['since']).toBe('5-0');
    socket().receive({
      type: 'subscribed',
      position: '50-0',
      recovered: false,
    });

    expect(controller.notice()).toMatch(/reloaded from history/);
    const fresh = hour(12);
    flushPage(historyRequest(), [fresh], null, '60-0');
    expect(rowIds()).toEqual([fresh.accessionNo]);
    // Live filings already flow from 50-0: no second subscribe.
    expect(socket().sentActions('subscribe_sec_filings')).toHaveLength(1);
    controller.dismissNotice();
    expect(controller.notice()).toBeNull();
  });

  it('raises a toast for a live filing of a watched ticker only', () => {
    startFeed([]);
    TestBed.inject(Watchlist).toggleTicker('nvda');
    socket().receive(filingMessage(hour(10, 'ACME'), '2-0'));
    socket().receive(filingMessage(hour(11, 'NVDA'), '3-0'));
    const toasts = TestBed.inject(Alerts).toasts();
    expect(toasts.map((toast) => toast.filing.ticker)).toEqual(['NVDA']);
    expect(toasts[0].text).toContain('8-K from NVDA');
  });

  it('counts filings that arrive while paused for screen readers', () => {
    startFeed([]);
    TestBed.inject(FeedStore).pause();
    socket().receive(filingMessage(hour(10), '2-0'));
    socket().receive(filingMessage(hour(11), '3-0'));
    expect(controller.rows()).toHaveLength(0);
    expect(controller.announcement()).toBe('2 new filings while paused');
  });

  it('shows a history error, goes live anyway (reading the newest page again once subscribed) and retries', () => {
    historyRequest().flush(
      { error: { code: 'REDIS_UNAVAILABLE', message: 'down' } },
      { status: 503, statusText: 'Service Unavailable' },
    );
    expect(controller.historyError()?.message).toMatch(/unavailable right now/);
    // No position to start from: subscribe at the gateway's newest position...
    socket().open();
    expect(socket().sentActions('subscribe_sec_filings')).toEqual([
      { action: 'subscribe_sec_filings' },
    ]);
    socket().receive({ type: 'subscribed', position: '8-0', recovered: true });
    // ...and once that is placed, read the newest page again and merge it.
    const seam = historyRequest();
    expect(seam.request.params.get('cursor')).toBeNull();
    const eight = hour(8);
    flushPage(seam, [eight]);
    expect(rowIds()).toEqual([eight.accessionNo]);

    controller.retryHistory();
    expect(controller.historyError()).toBeNull();
    flushPage(historyRequest(), [hour(9), eight]);
    expect(controller.rows()).toHaveLength(2);
    expect(socket().sentActions('subscribe_sec_filings')).toHaveLength(1);
  });

  it('fills a row in when its insights arrive, and shows a filing only an insights message brought', () => {
    const form4 = hour(10);
    startFeed([form4]);
    socket().receive(insightsMessage(form4, '6-0', CFO_SALE, false));
    expect(insightsOf(controller.rows()[0].filing)).toEqual(CFO_SALE);
    const buy = hour(11);
    socket().receive(insightsMessage(buy, '7-0', DIRECTOR_BUY));
    expect(rowIds()).toEqual([buy.accessionNo, form4.accessionNo]);
    expect(controller.announcement()).toBe('1 new filing');
  });

  it('tells what a watched filing says when its insights arrive', () => {
    startFeed([]);
    TestBed.inject(Watchlist).toggleTicker('nvda');
    const filing = hour(11, 'NVDA');
    socket().receive(filingMessage(filing, '3-0'));
    socket().receive(insightsMessage(filing, '4-0', CFO_SALE));
    const toasts = TestBed.inject(Alerts).toasts();
    expect(toasts).toHaveLength(1);
    expect(toasts[0].text).toBe(
      '8-K from NVDA: CFO sold 12,000 sh at $31.20 ($374k), 10b5-1',
    );
  });
});
