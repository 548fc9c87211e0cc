import { filtersToJson } from './normalized-filters';
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
});
