import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { makeFiling } from '@secfeed/filing-model/testing';
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
});
