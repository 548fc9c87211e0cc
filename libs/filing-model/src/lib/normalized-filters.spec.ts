import { filtersToJson, needsInsights } from './normalized-filters';
import { parseFilingFilters } from './parse-filing-filters';

describe('filtersToJson', () => {
  it('gives the normalized lists as JSON arrays for the subscribed reply', () => {
    const parsed = parseFilingFilters({
      tickers: ['aapl'],
      ciks: ['0000320193'],
      includeAmendments: false,
    });
    if (!parsed.ok) throw new Error('filters refused');
    expect(JSON.parse(JSON.stringify(filtersToJson(parsed.filters)))).toEqual({
      tickers: ['AAPL'],
      ciks: ['320193'],
      formTypes: [],
      includeAmendments: false,
    });
  });

  it('adds the insight filters only when given', () => {
    const parsed = parseFilingFilters({
      items: ['2.02'],
      transactionCodes: ['p'],
      minTransactionValue: 100000,
      tenb51: true,
      minStakePercent: 5,
    });
    if (!parsed.ok) throw new Error('filters refused');
    expect(JSON.parse(JSON.stringify(filtersToJson(parsed.filters)))).toEqual({
      tickers: [],
      ciks: [],
      formTypes: [],
      includeAmendments: true,
      items: ['2.02'],
      transactionCodes: ['P'],
      minTransactionValue: 100000,
      tenb51: true,
      minStakePercent: 5,
    });
  });
});

describe('needsInsights', () => {
  it.each([
    [{}, false],
    [{ tickers: ['AAPL'], items: [] }, false],
    [{ items: ['2.02'] }, true],
    [{ transactionCodes: ['P'] }, true],
    [{ minTransactionValue: 0 }, true],
    [{ tenb51: false }, true],
    [{ minStakePercent: 0 }, true],
  ])('%j: %s', (raw, expected) => {
    const parsed = parseFilingFilters(raw);
    if (!parsed.ok) throw new Error('filters refused');
    expect(needsInsights(parsed.filters)).toBe(expected);
  });
});
