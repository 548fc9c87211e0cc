import { makeFiling } from '@secfeed/filing-model/testing';
import { withInsights } from '../shared/filing-insights-of';
import { CFO_SALE, DIRECTOR_BUY } from '../test-support/insights';
import { EMPTY_FILTERS, type FeedFilters } from './feed-filters';
import { feedFilterPredicate } from './match-feed-filters';

const matches = (change: Partial<FeedFilters>, filing = makeFiling()) =>
  feedFilterPredicate({ ...EMPTY_FILTERS, ...change })(filing);

describe('feedFilterPredicate', () => {
  it('lets everything through without filters', () => {
    expect(matches({})).toBe(true);
  });

  it('matches tickers, CIKs (as numbers) and form types like the gateway', () => {
    const apple = makeFiling({
      ticker: 'AAPL',
      cik: '320193',
      formType: '10-K',
    });
    expect(matches({ tickers: ['AAPL', 'MSFT'] }, apple)).toBe(true);
    expect(matches({ tickers: ['MSFT'] }, apple)).toBe(false);
    expect(matches({ ciks: ['320193'] }, apple)).toBe(true);
    expect(matches({ tickers: ['AAPL'], formTypes: ['8-K'] }, apple)).toBe(
      false,
    );
  });

  it('includes amendments unless they are turned off', () => {
    const amended = makeFiling({ formType: '10-K/A' });
    expect(matches({ formTypes: ['10-K'] }, amended)).toBe(true);
    expect(
      matches({ formTypes: ['10-K'], includeAmendments: false }, amended),
    ).toBe(false);
  });

  it('searches the company name case-insensitively', () => {
    const filing = makeFiling({ companyName: 'Apple Inc.' });
    expect(matches({ q: 'apple' }, filing)).toBe(true);
    expect(matches({ q: 'pear' }, filing)).toBe(false);
  });

  it('limits to the Eastern days of the date range, inclusive', () => {
    // 23:30 Eastern on Jan 2 is already Jan 3 in UTC; the Eastern day counts.
    const late = makeFiling({ filedAt: '2025-01-02T23:30:00-05:00' });
    expect(matches({ from: '2025-01-02', to: '2025-01-02' }, late)).toBe(true);
    expect(matches({ from: '2025-01-03' }, late)).toBe(false);
    expect(matches({ to: '2025-01-01' }, late)).toBe(false);
  });

  it('applies the insight filters on the insights a row carries, like the gateway', () => {
    const sale = withInsights(makeFiling({ formType: '4' }), CFO_SALE);
    const buy = withInsights(makeFiling({ formType: '4' }), DIRECTOR_BUY);
    const bare = makeFiling({ formType: '4' });
    const bigBuys = { transactionCodes: ['P'], minTransactionValue: 100_000 };
    expect([sale, buy, bare].map((f) => matches(bigBuys, f))).toEqual([
      false,
      true,
      false,
    ]);
    expect(matches({ tenb51: true }, sale)).toBe(true);
    expect(matches({ tenb51: true }, buy)).toBe(false);
    expect(matches({ items: ['2.02'] }, sale)).toBe(false);
  });
});
