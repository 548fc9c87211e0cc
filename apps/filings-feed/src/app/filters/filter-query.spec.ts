import { EMPTY_FILTERS, type FeedFilters } from './feed-filters';
import {
  filtersFromQuery,
  filtersToQuery,
  queryHasFilters,
} from './filter-query';

describe('filter query', () => {
  const full: FeedFilters = {
    tickers: ['AAPL', 'BRK-B'],
    ciks: ['320193'],
    formTypes: ['SC 13D', '8-K'],
    q: 'apple',
    from: '2025-01-02',
    to: '2025-01-31',
    includeAmendments: false,
  };

  it('round-trips every filter through the URL query', () => {
    const query = filtersToQuery(full);
    expect(query).toEqual({
      tickers: 'AAPL,BRK-B',
      ciks: '320193',
      forms: 'SC 13D,8-K',
      q: 'apple',
      from: '2025-01-02',
      to: '2025-01-31',
      amendments: '0',
    });
    expect(filtersFromQuery(query)).toEqual(full);
  });

  it('leaves defaults out of the URL', () => {
    expect(
      Object.values(filtersToQuery(EMPTY_FILTERS)).every(
        (value) => value === null,
      ),
    ).toBe(true);
    expect(queryHasFilters(filtersToQuery(EMPTY_FILTERS))).toBe(false);
  });

  it('cleans hand-written queries and drops what it cannot read', () => {
    expect(
      filtersFromQuery({
        tickers: ' aapl,,msft,AAPL',
        ciks: '0000320193,abc',
        from: 'yesterday',
        forms: '10-k',
      }),
    ).toEqual({
      ...EMPTY_FILTERS,
      tickers: ['AAPL', 'MSFT'],
      ciks: ['320193'],
      formTypes: ['10-K'],
    });
  });
});
