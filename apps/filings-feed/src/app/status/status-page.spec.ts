import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { GATEWAY_CONFIG } from '../shared/gateway-config';
import { easternDate } from '../shared/eastern-time';
import { StatusPage } from './status-page';
import type { CompletenessReport, SourcesReport } from './status-report';

const SOURCES: SourcesReport = {
  date: '2020-03-18',
  sources: [
    {
      source: 'sec-api',
      first: 75,
      duplicates: 20,
      lagSeconds: { p50: 1, p90: 5 },
    },
    {
      source: 'edgar',
      first: 25,
      duplicates: 70,
      lagSeconds: { p50: 60, p90: null },
    },
  ],
};
const RECONCILED: CompletenessReport = {
  date: '2020-03-18',
  indexed: 2666,
  have: 2664,
  missing: ['0000320193-20-000010', '0001104659-20-034541'],
  late: 3,
  checkedAt: '2020-03-19T03:00:00.000Z',
};

describe('StatusPage', () => {
  let fixture: ComponentFixture<StatusPage>;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;
  const byTestId = (id: string) =>
    el().querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const text = (id: string) => byTestId(id)?.textContent?.trim();

  async function render() {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        {
          provide: GATEWAY_CONFIG,
          useValue: { baseUrl: 'http://gw.test', token: 't0k' },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(StatusPage);
    await fixture.whenStable();
  }

  /** Answers the two reads of `date`; returns the requests for their URLs and headers. */
  async function answer(
    date: string,
    sources: SourcesReport | { status: number; body: unknown },
    completeness: CompletenessReport,
  ) {
    const s = http.expectOne(
      (r) =>
        r.url === 'http://gw.test/api/sources' && r.params.get('date') === date,
    );
    const c = http.expectOne(
      (r) =>
        r.url === 'http://gw.test/api/completeness' &&
        r.params.get('date') === date,
    );
    if ('status' in sources)
      s.flush(sources.body, { status: sources.status, statusText: 'x' });
    else s.flush(sources);
    c.flush(completeness);
    await fixture.whenStable();
    return { s: s.request, c: c.request };
  }

  afterEach(() => http.verify());

  it("reads today's (Eastern) sources and completeness with the access token", async () => {
    await render();
    const today = easternDate(Date.now());
    const { s, c } = await answer(
      today,
      { ...SOURCES, date: today },
      {
        ...RECONCILED,
        date: today,
      },
    );
    expect(s.headers.get('Authorization')).toBe('Bearer t0k');
    expect(c.headers.get('Authorization')).toBe('Bearer t0k');
    expect((byTestId('status-date') as HTMLInputElement).value).toBe(today);
  });

  it('shows per source the first-delivered count, share, duplicates and lag', async () => {
    await render();
    await answer(easternDate(Date.now()), SOURCES, RECONCILED);
    const row = (source: string) =>
      el().querySelector<HTMLElement>(`tr[data-source="${source}"]`);
    const cell = (source: string, id: string) =>
      row(source)?.querySelector(`[data-testid="${id}"]`)?.textContent?.trim();
    expect(cell('sec-api', 'first')).toBe('75');
    expect(cell('edgar', 'first')).toBe('25');
    expect(row('sec-api')?.textContent).toContain('75%');
    expect(cell('edgar', 'duplicates')).toBe('70');
    expect(cell('sec-api', 'p50')).toBe('≤ 1 s');
    expect(cell('edgar', 'p50')).toBe('≤ 1 min');
    expect(cell('edgar', 'p90')).toBe('> 1 h');
  });

  it("shows the day's completeness and links each missing accession to EDGAR", async () => {
    await render();
    await answer(easternDate(Date.now()), SOURCES, RECONCILED);
    expect(text('indexed')).toBe('2666');
    expect(text('have')).toBe('2664');
    expect(text('late')).toBe('3');
    expect(text('missing-count')).toBe('2');
    expect(text('checked-at')).toBe('2020-03-19T03:00:00.000Z');
    const links = [
      ...el().querySelectorAll<HTMLAnchorElement>('[data-testid="missing"] a'),
    ];
    expect(links.map((a) => a.textContent?.trim())).toEqual(RECONCILED.missing);
    expect(links[0].href).toBe(
      'https://www.sec.gov/Archives/edgar/data/320193/000032019320000010/0000320193-20-000010-index.htm',
    );
    expect(byTestId('not-reconciled')).toBeNull();
  });

  it('lists the filings the reconciliation published late, linked to EDGAR', async () => {
    await render();
    const lateAccessions = ['0000899243-20-007902', '0001564590-20-011604'];
    await answer(easternDate(Date.now()), SOURCES, {
      ...RECONCILED,
      late: 2,
      lateAccessions,
    });
    const links = [
      ...el().querySelectorAll<HTMLAnchorElement>(
        '[data-testid="late-filings"] a',
      ),
    ];
    expect(links.map((a) => a.textContent?.trim())).toEqual(lateAccessions);
    expect(links[1].href).toBe(
      'https://www.sec.gov/Archives/edgar/data/1564590/000156459020011604/0001564590-20-011604-index.htm',
    );
  });

  it('lists no late filings when there are none (or the gateway does not say)', async () => {
    await render();
    await answer(easternDate(Date.now()), SOURCES, RECONCILED);
    expect(byTestId('late-filings')).toBeNull();
  });

  it('says "not reconciled yet" while checkedAt is null', async () => {
    await render();
    await answer(easternDate(Date.now()), SOURCES, {
      ...RECONCILED,
      indexed: 0,
      have: 0,
      missing: [],
      late: 0,
      checkedAt: null,
    });
    expect(text('not-reconciled')).toContain('not reconciled yet');
    expect(byTestId('completeness-figures')).toBeNull();
  });

  it('shows a reconciliation in progress and reads it again on Refresh', async () => {
    await render();
    const today = easternDate(Date.now());
    await answer(today, SOURCES, {
      ...RECONCILED,
      checkedAt: null,
      progress: { done: 1200, total: 2666 },
    });
    expect(text('progress-text')).toBe('1200 of 2666');
    const bar = byTestId('progress')?.querySelector('progress');
    expect(bar?.value).toBe(1200);
    expect(bar?.max).toBe(2666);
    expect(text('not-reconciled')).toContain('not reconciled yet');

    byTestId('progress-refresh')?.click();
    await fixture.whenStable();
    await answer(today, SOURCES, { ...RECONCILED, progress: null });
    expect(byTestId('progress')).toBeNull();
    expect(text('have')).toBe('2664');
  });

  it('reads another day when one is picked, and shows a coded failure with a retry', async () => {
    await render();
    await answer(easternDate(Date.now()), SOURCES, RECONCILED);
    const input = byTestId('status-date') as HTMLInputElement;
    input.value = '2020-03-18';
    input.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    await answer(
      '2020-03-18',
      {
        status: 503,
        body: {
          error: { code: 'REDIS_UNAVAILABLE', message: 'retry shortly' },
        },
      },
      RECONCILED,
    );
    expect(byTestId('sources-error')?.textContent).toContain(
      'REDIS_UNAVAILABLE',
    );
    byTestId('sources-error')?.querySelector('button')?.click();
    await fixture.whenStable();
    await answer('2020-03-18', { date: '2020-03-18', sources: [] }, RECONCILED);
    expect(byTestId('sources-error')).toBeNull();
    expect(text('sources-empty')).toContain('2020-03-18');
  });
});
