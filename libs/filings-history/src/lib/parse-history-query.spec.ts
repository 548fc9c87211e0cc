import { HistoryError } from './history-error';
import { parseHistoryQuery } from './parse-history-query';

describe('parseHistoryQuery', () => {
  it('defaults to 50 filings, no filters, amendments included', () => {
    const query = parseHistoryQuery('');
    expect(query.limit).toBe(50);
    expect(query.filters).toEqual({
      tickers: new Set(),
      ciks: new Set(),
      formTypes: new Set(),
      includeAmendments: true,
    });
  });

  it('normalizes lists as contracts §3 compares them', () => {
    const { filters } = parseHistoryQuery(
      'ticker=aapl,%20msft&ticker=AAPL&cik=0000320193,789019&formType=sc%20%2013d,10-k&includeAmendments=false',
    );
    expect(filters.tickers).toEqual(new Set(['AAPL', 'MSFT']));
    expect(filters.ciks).toEqual(new Set(['320193', '789019']));
    expect(filters.formTypes).toEqual(new Set(['SC 13D', '10-K']));
    expect(filters.includeAmendments).toBe(false);
  });

  it('lower-cases q and trims it', () => {
    expect(parseHistoryQuery('q=%20Apple%20Inc%20').q).toBe('apple inc');
  });

  it('skips parameters it is told to ignore, and nothing else', () => {
    expect(parseHistoryQuery('token=x', new Set(['token'])).limit).toBe(50);
    expect(() => parseHistoryQuery('token=x')).toThrow(HistoryError);
  });

  it('accepts from equal to to', () => {
    const query = parseHistoryQuery(
      'from=2025-03-10T10:00:00Z&to=2025-03-10T10:00:00Z',
    );
    expect(query.fromMs).toBe(query.toMs);
  });

  it('reads the insight filters, present only when given', () => {
    const { filters } = parseHistoryQuery(
      'item=2.02,9.01&transactionCode=p&transactionCode=S&minTransactionValue=100000&tenb51=false&minStakePercent=9.8',
    );
    expect(filters).toEqual({
      tickers: new Set(),
      ciks: new Set(),
      formTypes: new Set(),
      includeAmendments: true,
      items: new Set(['2.02', '9.01']),
      transactionCodes: new Set(['P', 'S']),
      minTransactionValue: 100000,
      tenb51: false,
      minStakePercent: 9.8,
    });
    expect(
      Object.keys(parseHistoryQuery('item=&minStakePercent=').filters),
    ).toEqual(['tickers', 'ciks', 'formTypes', 'includeAmendments']);
  });

  it.each([
    ['item=2.2', 'INVALID_ITEM'],
    ['transactionCode=B', 'INVALID_TRANSACTION_CODE'],
    ['minTransactionValue=-5', 'INVALID_MIN_TRANSACTION_VALUE'],
    ['minTransactionValue=1e5', 'INVALID_MIN_TRANSACTION_VALUE'],
    ['tenb51=yes', 'INVALID_TENB51'],
    ['minStakePercent=101', 'INVALID_MIN_STAKE_PERCENT'],
    ['tenb51=true&tenb51=false', 'DUPLICATE_PARAMETER'],
    ['items=2.02', 'UNKNOWN_PARAMETER'],
  ])('refuses %s with %s (400)', (search, code) => {
    expect(() => parseHistoryQuery(search)).toThrow(
      expect.objectContaining({ code, status: 400 }),
    );
  });
});
