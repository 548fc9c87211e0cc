import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { Filing } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { withInsights } from '../shared/filing-insights-of';
import { RESULTS_8K } from '../test-support/insights';
import { FilingDetail } from './filing-detail';

describe('FilingDetail', () => {
  let fixture: ComponentFixture<FilingDetail>;
  const q = (id: string) =>
    (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>(
      `[data-testid="${id}"]`,
    );

  async function render(filing: Filing) {
    fixture = TestBed.createComponent(FilingDetail);
    fixture.componentRef.setInput('filing', filing);
    await fixture.whenStable();
  }

  it.each([
    [
      'ticker and exchange',
      { ticker: 'AAPL', exchange: 'Nasdaq' },
      'AAPL · Nasdaq',
    ],
    ['a ticker only', { ticker: 'ACME' }, 'ACME'],
  ])('heads the panel with %s', async (_, listing, text) => {
    await render(makeFiling(listing));
    expect(q('detail-listing')?.textContent?.trim()).toBe(text);
  });

  it('shows no listing for a filer without ticker or exchange', async () => {
    await render(makeFiling({ ticker: '' }));
    expect(q('detail-listing')).toBeNull();
  });

  it('lists the feed items until the insights arrive, then what the filing says', async () => {
    const filing = makeFiling({
      formType: '8-K',
      items: ['Item 2.02: Results of Operations and Financial Condition'],
    });
    await render(filing);
    expect(q('detail-insights')).toBeNull();
    expect(q('detail-summary')).toBeNull();
    expect(fixture.nativeElement.textContent).toContain(
      'Item 2.02: Results of Operations and Financial Condition',
    );

    fixture.componentRef.setInput('filing', withInsights(filing, RESULTS_8K));
    await fixture.whenStable();
    expect(q('detail-summary')?.textContent?.trim()).toBe(
      'Items 2.02, 9.01: results',
    );
    expect(q('insights-items')?.textContent).toContain(
      '9.01 Financial Statements and Exhibits',
    );
    expect(q('detail-accession')?.textContent).toBe(filing.accessionNo);
  });
});
