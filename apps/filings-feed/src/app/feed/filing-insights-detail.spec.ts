import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { FilingInsights } from '@secfeed/filing-model';
import {
  CFO_SALE,
  DIRECTOR_BUY,
  RESULTS_8K,
  STAKE_13G,
} from '../test-support/insights';
import { FilingInsightsDetail } from './filing-insights-detail';

function ownershipOf(insights: FilingInsights) {
  if (!insights.ownership) throw new Error('no ownership in the fixture');
  return insights.ownership;
}

describe('FilingInsightsDetail', () => {
  let fixture: ComponentFixture<FilingInsightsDetail>;
  const el = () => fixture.nativeElement as HTMLElement;
  const q = (id: string) =>
    el().querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const cells = (row: Element) =>
    [...row.querySelectorAll('td')].map((td) => td.textContent?.trim());

  async function render(insights: FilingInsights) {
    fixture = TestBed.createComponent(FilingInsightsDetail);
    fixture.componentRef.setInput('insights', insights);
    await fixture.whenStable();
  }

  it('shows the owners, the 10b5-1 flag and one table row per transaction', async () => {
    const sale = ownershipOf(CFO_SALE);
    const buy = ownershipOf(DIRECTOR_BUY);
    await render({
      ownership: {
        ...sale,
        owners: [...sale.owners, ...buy.owners],
        transactions: [
          ...sale.transactions,
          { ...buy.transactions[0], price: null },
        ],
      },
    });
    expect(q('insights-owners')?.textContent).toContain('Jane Roe');
    expect(q('insights-owners')?.textContent).toContain(
      'Chief Financial Officer',
    );
    expect(q('insights-owners')?.textContent).toContain('Director');
    expect(q('insights-tenb51')?.textContent).toContain('yes');
    const rows = q('insights-transactions')?.querySelectorAll('tbody tr');
    expect([...(rows ?? [])].map(cells)).toEqual([
      [
        '2025-03-03',
        'Common Stock',
        'S',
        'D',
        '12,000',
        '$31.20',
        '$374,400',
        '88,000',
        'D',
      ],
      [
        '2025-03-04',
        'Common Stock',
        'P',
        'A',
        '5,000',
        '—',
        '—',
        '15,000',
        'I',
      ],
    ]);
    expect(q('insights-items')).toBeNull();
  });

  it('lists 8-K items with their titles', async () => {
    await render(RESULTS_8K);
    expect(q('insights-items')?.textContent).toContain(
      '2.02 Results of Operations and Financial Condition',
    );
    expect(q('insights-transactions')).toBeNull();
  });

  it('shows a stake with its filers, and what could not be read', async () => {
    await render({
      ...STAKE_13G,
      problems: [{ code: 'X', message: 'The cover page had no percent.' }],
    });
    expect(q('insights-stake')?.textContent).toContain('9.8% of class');
    expect(q('insights-filers')?.textContent).toContain('Commodore Capital LP');
    expect(q('insights-filers')?.textContent).toContain('2,700,000 sh');
    expect(q('insights-problems')?.textContent).toContain('no percent');
  });

  it('does not break on insights of the wrong shape', async () => {
    await render({
      ownership: { transactions: 'x' },
      items: null,
    } as unknown as FilingInsights);
    expect(q('insights-transactions')).toBeNull();
    expect(q('insights-owners')?.textContent).toContain('None listed');
    await render({
      items: [null, { code: '2.02', title: 'Results' }],
      ownership: { owners: [null, 7], transactions: [null], tenb51: false },
      stake: { issuer: null, filers: [null], percent: null },
      problems: [null],
    } as unknown as FilingInsights);
    expect(q('insights-items')?.textContent).toContain('2.02 Results');
    expect(q('insights-owners')?.textContent).toContain('None listed');
    expect(q('insights-stake')?.textContent).toContain('— of class');
  });
});
