import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { makeFiling } from '@secfeed/filing-model/testing';
import { EMPTY_FILTERS } from '../filters/feed-filters';
import { GATEWAY_CONFIG } from '../shared/gateway-config';
import type { UserError } from '../shared/user-error';
import { wire } from '../test-support/wire';
import { HistoryApi, type HistoryPage } from './history-api.service';

describe('HistoryApi', () => {
  let api: HistoryApi;
  let http: HttpTestingController;

  function setup(baseUrl = '', token?: string) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: GATEWAY_CONFIG, useValue: { baseUrl, token } },
      ],
    });
    api = TestBed.inject(HistoryApi);
    http = TestBed.inject(HttpTestingController);
  }

  afterEach(() => http.verify());

  it('asks for the newest page with every filter as a query parameter', () => {
    setup();
    api
      .page(
        {
          tickers: ['AAPL', 'MSFT'],
          ciks: ['320193'],
          formTypes: ['10-K', 'SC 13D'],
          q: ' apple ',
          from: '2025-01-02',
          to: '2025-01-03',
          includeAmendments: false,
          items: ['2.02'],
          transactionCodes: ['P', 'S'],
          minTransactionValue: 100000,
          tenb51: false,
          minStakePercent: 5,
        },
        null,
      )
      .subscribe();
    const request = http.expectOne((req) => req.url === '/api/filings');
    expect(request.request.params.keys().sort()).toEqual(
      [
        'cik',
        'formType',
        'from',
        'includeAmendments',
        'limit',
        'q',
        'ticker',
        'to',
        'item',
        'transactionCode',
        'minTransactionValue',
        'tenb51',
        'minStakePercent',
      ].sort(),
    );
    expect(request.request.params.get('item')).toBe('2.02');
    expect(request.request.params.get('transactionCode')).toBe('P,S');
    expect(request.request.params.get('minTransactionValue')).toBe('100000');
    expect(request.request.params.get('tenb51')).toBe('false');
    expect(request.request.params.get('minStakePercent')).toBe('5');
    expect(request.request.params.get('ticker')).toBe('AAPL,MSFT');
    expect(request.request.params.get('formType')).toBe('10-K,SC 13D');
    expect(request.request.params.get('q')).toBe('apple');
    expect(request.request.params.get('includeAmendments')).toBe('false');
    request.flush({ filings: [], next: null });
  });

  it('pages with the cursor against a configured gateway, with its bearer token', () => {
    setup('https://feed.example.com', 'tok');
    api.page(EMPTY_FILTERS, 'CURSOR1').subscribe();
    const request = http.expectOne(
      (req) => req.url === 'https://feed.example.com/api/filings',
    );
    expect(request.request.params.get('cursor')).toBe('CURSOR1');
    expect(request.request.params.has('ticker')).toBe(false);
    expect(request.request.headers.get('Authorization')).toBe('Bearer tok');
    request.flush({ filings: [], next: null });
  });

  it('has no stream position when the page does not name one (older pages)', () => {
    setup();
    let page: HistoryPage | undefined;
    api.page(EMPTY_FILTERS, 'C1').subscribe((p) => (page = p));
    http.expectOne(() => true).flush({ filings: [], next: null });
    expect(page?.position).toBeNull();
  });

  it('returns the filings (with filedAtMs), the next cursor and the stream position, dropping unusable objects', () => {
    setup();
    const filing = makeFiling();
    let page: HistoryPage | undefined;
    api.page(EMPTY_FILTERS, null).subscribe((p) => (page = p));
    const body = {
      filings: [{ ...wire(filing), filedAtMs: undefined }, { nope: 1 }],
      next: 'C2',
    };
    http
      .expectOne(() => true)
      .flush(body, { headers: { 'Stream-Position': '1741613400000-3' } });
    expect(page?.next).toBe('C2');
    expect(page?.position).toBe('1741613400000-3');
    expect(page?.filings.map((f) => [f.accessionNo, f.filedAtMs])).toEqual([
      [filing.accessionNo, filing.filedAtMs],
    ]);
  });

  it('turns a gateway error body into words', () => {
    setup();
    let error: UserError | undefined;
    api
      .page(EMPTY_FILTERS, null)
      .subscribe({ error: (e: UserError) => (error = e) });
    http
      .expectOne(() => true)
      .flush(
        { error: { code: 'INVALID_CIK', message: 'cik must be...' } },
        { status: 400, statusText: 'Bad Request' },
      );
    expect(error).toEqual({
      code: 'INVALID_CIK',
      message: expect.stringMatching(/CIK .* not valid/),
    });
  });

  it('reports a network failure as unreachable', () => {
    setup();
    let error: UserError | undefined;
    api
      .page(EMPTY_FILTERS, null)
      .subscribe({ error: (e: UserError) => (error = e) });
    http.expectOne(() => true).error(new ProgressEvent('error'), { status: 0 });
    expect(error?.code).toBe('NETWORK');
    expect(error?.message).toMatch(/cannot be reached/);
  });
});
