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
import { filingMessage, wire } from '../test-support/wire';
import { FILTER_SETTLE_MS, FeedController } from './feed-controller.service';
import { FeedStore } from './feed-store.service';

describe('FeedController', () => {
  let sockets: FakeWebSocket[];
  let http: HttpTestingController;
  let controller: FeedController;
  let filters: FilterState;

  const socket = () => sockets[sockets.length - 1];
  const rowIds = () =>
    controller.rows().map((entry) => entry.filing.accessionNo);
  /** The first history request, taken out of the queue while the seam request was answered. */
  let first: TestRequest | undefined;
  const historyRequest = (): TestRequest => {
    const request =
      first ?? http.expectOne((req) => req.url === '/api/filings');
    first = undefined;
    return request;
  };
  const flushPage = (
    request: TestRequest,
    filings: Filing[],
    next: string | null = null,
  ) => request.flush({ filings: filings.map(wire), next });
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
    socket().open();
    socket().receive({ type: 'subscribed', position: '1-0', recovered: true });
    // Once the subscription is placed the newest page is read again, for the seam; answered
    // empty here, the first request is the one each test answers.
    const [initial, seam] = http.match((req) => req.url === '/api/filings');
    first = initial;
    expect(seam.request.params.get('cursor')).toBeNull();
    seam.flush({ filings: [], next: null });
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('shows history and live filings in one list, newest first, deduplicated', () => {
    const [nine, ten, eleven] = [hour(9), hour(10), hour(11)];
    flushPage(historyRequest(), [ten, nine]);
    socket().receive(filingMessage(eleven, '2-0'));
    socket().receive(filingMessage(ten, '3-0'));
    expect(rowIds()).toEqual([eleven, ten, nine].map((f) => f.accessionNo));
    expect(controller.announcement()).toBe('1 new filing');
  });

  it('pages older history with the cursor of the previous page', () => {
    flushPage(historyRequest(), [hour(10)], 'NEXT');
    controller.loadMore();
    const older = historyRequest();
    expect(older.request.params.get('cursor')).toBe('NEXT');
    flushPage(older, [hour(9)]);
    expect(controller.rows()).toHaveLength(2);
    expect(controller.hasMore()).toBe(false);
    controller.loadMore(); // nothing left: no request
  });

  it('applies filters to the rows at once, then re-subscribes and reloads history once they settle', () => {
    const apple = hour(10, 'AAPL');
    const acme = hour(11, 'ACME');
    flushPage(historyRequest(), [acme, apple]);

    filters.patch({ tickers: ['AAPL'] });
    TestBed.tick();
    expect(rowIds()).toEqual([apple.accessionNo]);
    expect(socket().sentActions('subscribe_sec_filings')).toHaveLength(1);

    jest.advanceTimersByTime(FILTER_SETTLE_MS);
    expect(socket().sentActions('subscribe_sec_filings')[1]).toEqual({
      action: 'subscribe_sec_filings',
      filters: { tickers: ['AAPL'] },
    });
    const reload = historyRequest();
    expect(reload.request.params.get('ticker')).toBe('AAPL');
    flushPage(reload, [apple]);
    expect(rowIds()).toEqual([apple.accessionNo]);
  });

  it('reloads history and says so when the gateway cannot resume (recovered: false)', () => {
    flushPage(historyRequest(), [hour(9)]);
    socket().serverClose(1006);
    jest.advanceTimersByTime(550);
    socket().open();
    expect(socket().sent[0]['since']).toBe('1-0');
    socket().receive({
      type: 'subscribed',
      position: '50-0',
      recovered: false,
    });

    expect(controller.notice()).toMatch(/reloaded from history/);
    const fresh = hour(12);
    flushPage(historyRequest(), [fresh]);
    expect(rowIds()).toEqual([fresh.accessionNo]);
    controller.dismissNotice();
    expect(controller.notice()).toBeNull();
  });

  it('raises a toast for a live filing of a watched ticker only', () => {
    flushPage(historyRequest(), []);
    TestBed.inject(Watchlist).toggleTicker('nvda');
    socket().receive(filingMessage(hour(10, 'ACME'), '2-0'));
    socket().receive(filingMessage(hour(11, 'NVDA'), '3-0'));
    const toasts = TestBed.inject(Alerts).toasts();
    expect(toasts.map((toast) => toast.filing.ticker)).toEqual(['NVDA']);
    expect(toasts[0].text).toContain('8-K from NVDA');
  });

  it('counts filings that arrive while paused for screen readers', () => {
    flushPage(historyRequest(), []);
    TestBed.inject(FeedStore).pause();
    socket().receive(filingMessage(hour(10), '2-0'));
    socket().receive(filingMessage(hour(11), '3-0'));
    expect(controller.rows()).toHaveLength(0);
    expect(controller.announcement()).toBe('2 new filings while paused');
  });

  it('shows a history error and retries the same request', () => {
    historyRequest().flush(
      { error: { code: 'REDIS_UNAVAILABLE', message: 'down' } },
      { status: 503, statusText: 'Service Unavailable' },
    );
    expect(controller.historyError()?.message).toMatch(/unavailable right now/);
    controller.retryHistory();
    expect(controller.historyError()).toBeNull();
    flushPage(historyRequest(), [hour(9)]);
    expect(controller.rows()).toHaveLength(1);
  });
});
