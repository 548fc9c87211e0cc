import { HttpParams, provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Filing } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { DESKTOP_ALERTS } from '../alerts/desktop-alerts';
import { Watchlist } from '../alerts/watchlist.service';
import { BROWSER_STORAGE } from '../shared/browser-storage';
import {
  FakeWebSocket,
  provideFakeWebSockets,
} from '../test-support/fake-web-socket';
import { filingMessage, wire } from '../test-support/wire';
import { FeedPage } from './feed-page';

describe('FeedPage', () => {
  let fixture: ComponentFixture<FeedPage>;
  let http: HttpTestingController;
  let sockets: FakeWebSocket[];
  let history: Filing[];
  let historyQuery: HttpParams;

  const el = () => fixture.nativeElement as HTMLElement;
  const byTestId = (id: string) =>
    el().querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const allByTestId = (id: string) => [
    ...el().querySelectorAll<HTMLElement>(`[data-testid="${id}"]`),
  ];
  const socket = () => sockets[sockets.length - 1];
  const press = async (key: string) => {
    document.dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true }),
    );
    await fixture.whenStable();
  };
  const selectedId = () =>
    el()
      .querySelector('[data-testid="filing-row"][aria-selected="true"]')
      ?.getAttribute('data-accession');

  async function render(query: Record<string, string> = {}) {
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
        {
          provide: DESKTOP_ALERTS,
          useValue: {
            permission: () => 'default',
            requestPermission: async () => 'denied',
            show: jest.fn(),
            beep: jest.fn(),
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(FeedPage);
    for (const [key, value] of Object.entries(query))
      fixture.componentRef.setInput(key, value);
    await fixture.whenStable();
    history = [10, 9, 8].map((h) =>
      makeFiling({
        filedAt: `2025-01-02T${String(h).padStart(2, '0')}:00:00-05:00`,
        periodOfReport: '2024-12-31',
      }),
    );
    const request = http.expectOne((req) => req.url === '/api/filings');
    historyQuery = request.request.params;
    request.flush({ filings: history.map(wire), next: null });
    socket().open();
    socket().receive({ type: 'subscribed', position: '1-0', recovered: true });
    // The seam: once the subscription is placed, the newest page is read again and merged.
    http
      .expectOne((req) => req.url === '/api/filings')
      .flush({ filings: history.map(wire), next: null });
    await fixture.whenStable();
  }

  afterEach(() => http.verify());

  it('renders the history rows newest first, and the live status', async () => {
    await render();
    expect(
      allByTestId('filing-row').map((row) =>
        row.getAttribute('data-accession'),
      ),
    ).toEqual(history.map((f) => f.accessionNo));
    expect(byTestId('connection-status')?.getAttribute('data-status')).toBe(
      'live',
    );
    expect(byTestId('connection-text')?.textContent).toContain('Live');
    expect(byTestId('row-count')?.textContent).toContain('3 filings');
  });

  it('sends the URL filters to the gateway and to REST', async () => {
    await render({ tickers: 'ACME', forms: '8-K' });
    expect(socket().sent[0]).toEqual({
      action: 'subscribe_sec_filings',
      filters: { tickers: ['ACME'], formTypes: ['8-K'] },
    });
    expect(historyQuery.get('ticker')).toBe('ACME');
    expect(historyQuery.get('formType')).toBe('8-K');
    expect((byTestId('filter-forms') as HTMLElement).textContent).toContain(
      '8-K',
    );
    expect(
      allByTestId('filter-chip').map((chip) => chip.textContent?.trim()),
    ).toEqual([expect.stringContaining('ACME')]);
  });

  it('sends the insight filters of the URL to the gateway and to REST', async () => {
    await render({
      codes: 'P',
      minvalue: '100000',
      tenb51: '0',
      items: '2.02',
      minstake: '5',
    });
    expect(socket().sent[0]).toEqual({
      action: 'subscribe_sec_filings',
      filters: {
        items: ['2.02'],
        transactionCodes: ['P'],
        minTransactionValue: 100000,
        tenb51: false,
        minStakePercent: 5,
      },
    });
    expect(historyQuery.get('transactionCode')).toBe('P');
    expect(historyQuery.get('minTransactionValue')).toBe('100000');
    expect(historyQuery.get('tenb51')).toBe('false');
    expect(historyQuery.get('item')).toBe('2.02');
    expect(historyQuery.get('minStakePercent')).toBe('5');
  });

  it('narrows watchlist alerts to the insight filters shown, and back', async () => {
    await render({ codes: 'P', minvalue: '100000' });
    const watchlist = TestBed.inject(Watchlist);
    watchlist.toggleTicker('ACME');
    await fixture.whenStable();
    (byTestId('alert-on-filters') as HTMLElement).click();
    await fixture.whenStable();
    expect(watchlist.alertFilters()).toMatchObject({
      transactionCodes: ['P'],
      minTransactionValue: 100000,
    });
    expect(byTestId('alert-filters')?.textContent).toContain(
      'Alerts only: codes P · ≥ $100,000',
    );
    (byTestId('alert-filters') as HTMLElement).click();
    await fixture.whenStable();
    expect(watchlist.alertFilters()).toBeNull();
    expect(byTestId('alert-on-filters')).not.toBeNull();
  });

  it('moves the selection with j/k and arrows, opens details with Enter, closes with Esc', async () => {
    await render();
    await press('j');
    expect(selectedId()).toBe(history[0].accessionNo);
    await press('ArrowDown');
    await press('j');
    await press('j'); // stays on the last row
    expect(selectedId()).toBe(history[2].accessionNo);
    await press('k');
    expect(selectedId()).toBe(history[1].accessionNo);

    await press('Enter');
    expect(byTestId('detail-panel')).not.toBeNull();
    expect(byTestId('detail-accession')?.textContent).toBe(
      history[1].accessionNo,
    );
    expect(byTestId('detail-period')?.textContent).toBe('2024-12-31');
    expect(byTestId('detail-documents')?.textContent).toContain('8-K');

    await press('Escape');
    expect(byTestId('detail-panel')).toBeNull();
  });

  it("shows a live filing's exchange beside its ticker, in the row and the details", async () => {
    await render();
    socket().receive(
      filingMessage(
        makeFiling({
          ticker: 'AAPL',
          exchange: 'Nasdaq',
          filedAt: '2025-01-02T11:00:00-05:00',
        }),
        '2-0',
      ),
    );
    await fixture.whenStable();
    // History rows have no exchange (filings stored before it): nothing shown for them.
    expect(allByTestId('row-exchange').map((e) => e.textContent)).toEqual([
      'Nasdaq',
    ]);
    await press('j');
    await press('Enter');
    expect(byTestId('detail-listing')?.textContent?.trim()).toBe(
      'AAPL · Nasdaq',
    );
  });

  it('focuses the company search on /, and ignores j while typing there', async () => {
    await render();
    await press('/');
    const search = byTestId('filter-search') as HTMLInputElement;
    expect(document.activeElement).toBe(search);
    search.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'j', bubbles: true }),
    );
    await fixture.whenStable();
    expect(selectedId()).toBeUndefined();
  });

  it('filters the rows already shown as the user types a company name', async () => {
    await render();
    const search = byTestId('filter-search') as HTMLInputElement;
    search.value = 'no such company';
    search.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(allByTestId('filing-row')).toHaveLength(0);
    expect(byTestId('empty-state')).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 350));
    http
      .expectOne((req) => req.params.get('q') === 'no such company')
      .flush({ filings: [], next: null });
  });

  it('pauses live updates, shows "N new", and applies them on resume', async () => {
    await render();
    byTestId('pause-button')?.click();
    await fixture.whenStable();
    socket().receive(
      filingMessage(
        makeFiling({ filedAt: '2025-01-02T11:00:00-05:00' }),
        '2-0',
      ),
    );
    socket().receive(
      filingMessage(
        makeFiling({ filedAt: '2025-01-02T11:01:00-05:00' }),
        '3-0',
      ),
    );
    await fixture.whenStable();
    expect(allByTestId('filing-row')).toHaveLength(3);
    expect(byTestId('new-count')?.textContent?.trim()).toBe('2 new');
    expect(byTestId('announcer')?.textContent?.trim()).toBe(
      '2 new filings while paused',
    );

    byTestId('new-count')?.click();
    await fixture.whenStable();
    expect(allByTestId('filing-row')).toHaveLength(5);
    expect(byTestId('new-count')).toBeNull();
    expect(allByTestId('new-mark')).toHaveLength(2);
  });

  it('shows a toast for a watched ticker', async () => {
    await render();
    TestBed.inject(Watchlist).toggleTicker('NVDA');
    socket().receive(
      filingMessage(
        makeFiling({ ticker: 'NVDA', companyName: 'NVIDIA Corp' }),
        '2-0',
      ),
    );
    await fixture.whenStable();
    expect(allByTestId('toast').map((t) => t.textContent)).toEqual([
      expect.stringContaining('NVIDIA Corp'),
    ]);
    expect(byTestId('watchlist')?.textContent).toContain('NVDA');
  });

  it('explains a gateway error and retries on request', async () => {
    await render();
    socket().receive({
      type: 'error',
      code: 'INVALID_FILTERS',
      message: 'filters.tickers: bad',
    });
    await fixture.whenStable();
    const banner = byTestId('connection-error');
    expect(banner?.textContent).toContain('refused these filters');
    (
      banner?.querySelector('[data-testid="error-retry"]') as HTMLElement
    ).click();
    await fixture.whenStable();
    expect(sockets).toHaveLength(2);
    expect(byTestId('connection-error')).toBeNull();
  });
});
