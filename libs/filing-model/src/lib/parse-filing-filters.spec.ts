import { MAX_FILTER_VALUES } from './filing-filters';
import { FILTER_VALUE_LIMITS, filterValueDescription } from './filter-value';
import {
  parseFilingFilters,
  ParseFilingFiltersResult,
} from './parse-filing-filters';

function accept(raw: unknown) {
  const result = parseFilingFilters(raw);
  if (!result.ok) {
    throw new Error(
      `refused: ${result.code} ${JSON.stringify(result.reasons)}`,
    );
  }
  return result.filters;
}

function refuse(raw: unknown): ParseFilingFiltersResult & { ok: false } {
  const result = parseFilingFilters(raw);
  if (result.ok) {
    throw new Error('accepted filters that should be refused');
  }
  return result;
}

const values = (n: number, make: (i: number) => unknown) =>
  Array.from({ length: n }, (_, i) => make(i));

describe('parseFilingFilters', () => {
  it.each([undefined, null, {}])('treats %j as no filters', (raw) => {
    const filters = accept(raw);
    expect([
      filters.tickers.size,
      filters.ciks.size,
      filters.formTypes.size,
    ]).toEqual([0, 0, 0]);
    expect(filters.includeAmendments).toBe(true);
  });

  it('upper-cases and trims tickers and form types, collapses spaces, and strips CIK zeros, once', () => {
    const filters = accept({
      tickers: [' aapl', 'Msft', 'AAPL'],
      ciks: ['0000320193', '789019', 1824149],
      formTypes: ['10-k', ' 8-K ', 'sc  13d'],
      includeAmendments: false,
    });
    expect([...filters.tickers]).toEqual(['AAPL', 'MSFT']);
    expect([...filters.ciks]).toEqual(['320193', '789019', '1824149']);
    expect([...filters.formTypes]).toEqual(['10-K', '8-K', 'SC 13D']);
    expect(filters.includeAmendments).toBe(false);
  });

  it('treats null lists as absent and keeps empty lists empty', () => {
    const filters = accept({ tickers: null, formTypes: [] });
    expect(filters.tickers.size + filters.formTypes.size).toBe(0);
  });

  it(`accepts exactly ${MAX_FILTER_VALUES} values per list`, () => {
    const filters = accept({
      tickers: values(MAX_FILTER_VALUES, (i) => `T${i}`),
      ciks: values(MAX_FILTER_VALUES, (i) => String(i + 1)),
      formTypes: values(MAX_FILTER_VALUES, (i) => `F${i}`),
    });
    expect([
      filters.tickers.size,
      filters.ciks.size,
      filters.formTypes.size,
    ]).toEqual([100, 100, 100]);
  });

  it.each(['tickers', 'ciks', 'formTypes'])(
    `answers TOO_MANY_VALUES for ${MAX_FILTER_VALUES + 1} %s`,
    (field) => {
      const result = refuse({
        [field]: values(MAX_FILTER_VALUES + 1, (i) => String(i + 1)),
      });
      expect(result).toEqual({
        ok: false,
        code: 'TOO_MANY_VALUES',
        reasons: [{ field, reason: 'must have at most 100 entries' }],
      });
    },
  );

  it('answers TOO_MANY_VALUES for a million values', () => {
    const result = refuse({ tickers: values(1_000_000, () => 'A') });
    expect(result.code).toBe('TOO_MANY_VALUES');
    expect(result.reasons).toEqual([
      { field: 'tickers', reason: 'must have at most 100 entries' },
    ]);
  });

  it('prefers TOO_MANY_VALUES and still lists the other reasons', () => {
    const result = refuse({ tickers: values(101, () => 'A'), ciks: ['abc'] });
    expect(result.code).toBe('TOO_MANY_VALUES');
    expect(result.reasons.map((r) => r.field)).toEqual(['tickers', 'ciks']);
  });

  it.each([
    [{ tickers: 'AAPL' }, 'tickers', 'must be an array'],
    [{ tickers: [42] }, 'tickers', 'each entry must be a string'],
    [{ tickers: ['  '] }, 'tickers', 'each entry must not be empty'],
    [
      { formTypes: ['X'.repeat(FILTER_VALUE_LIMITS.formTypeLength + 1)] },
      'formTypes',
      `each entry must be ${filterValueDescription('formType')}`,
    ],
    [
      { tickers: ['X'.repeat(FILTER_VALUE_LIMITS.tickerLength + 1)] },
      'tickers',
      `each entry must be ${filterValueDescription('ticker')}`,
    ],
    [{ formTypes: [{}] }, 'formTypes', 'each entry must be a string'],
    [
      { ciks: ['CIK320193'] },
      'ciks',
      'each entry must be a CIK: digits, at most 10 significant, not all zeros',
    ],
    [
      { ciks: ['0000'] },
      'ciks',
      'each entry must be a CIK: digits, at most 10 significant, not all zeros',
    ],
    [
      { ciks: [-5] },
      'ciks',
      'each entry must be a CIK: digits, at most 10 significant, not all zeros',
    ],
    [
      { ciks: [3.5] },
      'ciks',
      'each entry must be a CIK: digits, at most 10 significant, not all zeros',
    ],
    [
      { ciks: ['12345678901'] },
      'ciks',
      'each entry must be a CIK: digits, at most 10 significant, not all zeros',
    ],
    [{ includeAmendments: 'no' }, 'includeAmendments', 'must be true or false'],
    [
      { ticker: ['AAPL'] },
      'ticker',
      'is not a filter; use tickers, ciks, formTypes, includeAmendments',
    ],
  ])('answers INVALID_FILTERS for %j', (raw, field, reason) => {
    expect(refuse(raw)).toEqual({
      ok: false,
      code: 'INVALID_FILTERS',
      reasons: [{ field, reason }],
    });
  });

  it.each([['AAPL'], 'tickers', 42, true])(
    'answers INVALID_FILTERS for filters %j that are not an object',
    (raw) => {
      expect(refuse(raw)).toEqual({
        ok: false,
        code: 'INVALID_FILTERS',
        reasons: [{ field: '', reason: 'must be an object' }],
      });
    },
  );

  it('refuses 100,000 nested arrays in a list without overflowing the stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(refuse({ tickers: [deep] }).reasons).toEqual([
      { field: 'tickers', reason: 'each entry must be a string' },
    ]);
  });
});
