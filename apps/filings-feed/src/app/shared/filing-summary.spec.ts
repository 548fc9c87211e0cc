import type { FilingInsights } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { CFO_SALE } from '../test-support/insights';
import { withInsights } from './filing-insights-of';
import { filingSummary } from './filing-summary';

describe('filingSummary', () => {
  const form4 = makeFiling({
    formType: '4',
    items: undefined,
    description: 'Statement of changes',
  });

  it('says what the insights say', () => {
    expect(filingSummary(withInsights(form4, CFO_SALE))).toBe(
      'CFO sold 12,000 sh at $31.20 ($374k), 10b5-1',
    );
  });

  it('falls back to the items, then the description', () => {
    expect(filingSummary(form4)).toBe('Statement of changes');
    expect(filingSummary(makeFiling({ items: ['Item 2.02: Results'] }))).toBe(
      'Item 2.02: Results',
    );
  });

  it.each([
    { ownership: {} },
    { ownership: { owners: 'x', transactions: 7 } },
    { stake: { filers: null } },
    'not insights',
  ])('falls back on insights of an odd shape (%j) without throwing', (odd) => {
    expect(
      filingSummary(withInsights(form4, odd as unknown as FilingInsights)),
    ).toBe('Statement of changes');
  });
});
