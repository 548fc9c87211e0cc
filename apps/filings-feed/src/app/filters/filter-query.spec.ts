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
    items: ['2.02', '9.01'],
    transactionCodes: ['P', 'S'],
    minTransactionValue: 100000,
    tenb51: false,
    minStakePercent: 9.8,
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
      items: '2.02,9.01',
      codes: 'P,S',
      minvalue: '100000',
      tenb51: '0',
      minstake: '9.8',
    });
    expect(filtersFromQuery(query)).toEqual(full);
    expect(
      filtersFromQuery(filtersToQuery({ ...full, tenb51: true })).tenb51,
    ).toBe(true);
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

  it('keeps only insight values the gateway would take', () => {
    expect(
      filtersFromQuery({
        items: '2.02, 2.2,item 5',
        codes: 'p,B,s,P',
        minvalue: '-5',
        tenb51: 'yes',
        minstake: '101',
      }),
    ).toEqual({
      ...EMPTY_FILTERS,
      items: ['2.02'],
      transactionCodes: ['P', 'S'],
    });
    expect(queryHasFilters({ codes: 'P' })).toBe(true);
  });
});
