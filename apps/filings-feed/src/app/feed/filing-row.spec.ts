import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { makeFiling } from '@secfeed/filing-model/testing';
import { withInsights } from '../shared/filing-insights-of';
import { CFO_SALE, RESULTS_8K, STAKE_13G } from '../test-support/insights';
import { NEW_MARK_MS, type FeedEntry } from './feed-entry';
import { FilingRow } from './filing-row';

describe('FilingRow', () => {
  let fixture: ComponentFixture<FilingRow>;
  const el = () => fixture.nativeElement as HTMLElement;
  const q = (id: string) =>
    el().querySelector<HTMLElement>(`[data-testid="${id}"]`);

  async function render(entry: FeedEntry, now: number) {
    fixture = TestBed.createComponent(FilingRow);
    fixture.componentRef.setInput('entry', entry);
    fixture.componentRef.setInput('now', now);
    await fixture.whenStable();
  }

  it('shows the acceptance time in Eastern time with its age, badge, ticker, items and links', async () => {
    // July: daylight saving time, so EDT.
    const filing = makeFiling({
      filedAt: '2025-07-01T16:05:09-04:00',
      formType: '8-K',
      ticker: 'AAPL',
      items: ['Item 2.02: Results of Operations', 'Item 9.01: Exhibits'],
    });
    await render({ filing, liveAt: null }, filing.filedAtMs + 3 * 60_000);
    const time = el().querySelector('time')?.textContent ?? '';
    expect(time).toContain('16:05:09');
    expect(time).toContain('EDT');
    expect(time).toContain('3m ago');
    expect(q('form-badge')?.textContent).toBe('8-K');
    expect(q('form-badge')?.getAttribute('data-group')).toBe('current');
    expect(q('row-ticker')?.textContent).toBe('AAPL');
    expect(el().textContent).toContain(
      'Item 2.02: Results of Operations · Item 9.01: Exhibits',
    );
    expect(q('link-index')?.getAttribute('href')).toBe(filing.linkToHtml);
    expect(q('link-document')?.getAttribute('href')).toBe(
      filing.linkToFilingDetails,
    );
  });

  it('shows the exchange discreetly with the ticker, only when known', async () => {
    const listed = makeFiling({ ticker: 'BRK-B', exchange: 'NYSE' });
    await render({ filing: listed, liveAt: null }, listed.filedAtMs);
    expect(q('row-ticker')?.textContent).toBe('BRK-B');
    expect(q('row-exchange')?.textContent).toBe('NYSE');
    expect(q('row-exchange')?.getAttribute('title')).toBe('Listed on NYSE');

    const unlisted = makeFiling({ ticker: 'ACME' });
    await render({ filing: unlisted, liveAt: null }, unlisted.filedAtMs);
    expect(q('row-ticker')?.textContent).toBe('ACME');
    expect(q('row-exchange')).toBeNull();
  });

  it('marks a live row as new for a few seconds only', async () => {
    const filing = makeFiling({
      items: undefined,
      description: 'Statement of changes',
    });
    await render({ filing, liveAt: 1_000 }, 1_000 + NEW_MARK_MS - 1);
    expect(q('new-mark')).not.toBeNull();
    expect(el().classList).toContain('filing-row--new');
    expect(el().textContent).toContain('Statement of changes');
    fixture.componentRef.setInput('now', 1_000 + NEW_MARK_MS);
    await fixture.whenStable();
    expect(q('new-mark')).toBeNull();
  });

  it.each([
    ['4', CFO_SALE, 'ACME', 'CFO sold 12,000 sh at $31.20 ($374k), 10b5-1'],
    ['8-K', RESULTS_8K, 'ACME', 'Items 2.02, 9.01: results'],
    ['SC 13G', STAKE_13G, 'AN2', 'Commodore Capital 9.8% of AN2'],
  ])(
    'says what a %s says once its insights are known',
    async (formType, insights, ticker, summary) => {
      const filing = makeFiling({
        formType,
        ticker,
        items: undefined,
        description: 'Statement of changes',
      });
      await render({ filing, liveAt: null }, filing.filedAtMs);
      expect(q('row-summary')?.textContent?.trim()).toBe(
        'Statement of changes',
      );
      fixture.componentRef.setInput('entry', {
        filing: withInsights(filing, insights),
        liveAt: null,
      });
      await fixture.whenStable();
      expect(q('row-summary')?.textContent?.trim()).toBe(summary);
    },
  );

  it('keeps the description when the insights say nothing (only problems)', async () => {
    const filing = withInsights(
      makeFiling({ items: undefined, description: 'Annual report' }),
      { problems: [{ code: 'DOCUMENT_MISSING', message: 'not there' }] },
    );
    await render({ filing, liveAt: null }, filing.filedAtMs);
    expect(q('row-summary')?.textContent?.trim()).toBe('Annual report');
  });
});
