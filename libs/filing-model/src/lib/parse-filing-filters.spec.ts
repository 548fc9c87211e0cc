import { MAX_FILTER_VALUES } from './filing-filters';
import {
  FILTER_VALUE_LIMITS,
  filterNumberDescription,
  filterValueDescription,
} from './filter-value';
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
      'is not a filter; use tickers, ciks, formTypes, includeAmendments, items, transactionCodes, minTransactionValue, tenb51, minStakePercent',
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

  describe('insight filters', () => {
    it('normalizes the lists and keeps the numbers and the flag', () => {
      const filters = accept({
        items: [' 2.02', '9.01', '2.02'],
        transactionCodes: ['p', 'S '],
        minTransactionValue: 100000,
        tenb51: false,
        minStakePercent: 9.8,
      });
      expect(filters).toMatchObject({
        items: new Set(['2.02', '9.01']),
        transactionCodes: new Set(['P', 'S']),
        minTransactionValue: 100000,
        tenb51: false,
        minStakePercent: 9.8,
      });
    });

    it.each([{}, { items: [], transactionCodes: null, tenb51: null }])(
      'leaves them absent for %j, so old filters look as before',
      (raw) => {
        const filters = accept(raw);
        expect(
          [
            filters.items,
            filters.transactionCodes,
            filters.minTransactionValue,
            filters.tenb51,
            filters.minStakePercent,
          ].every((value) => value === undefined),
        ).toBe(true);
      },
    );

    it.each([
      [{ items: '2.02' }, 'INVALID_ITEM', 'items', 'must be an array'],
      [
        { items: ['2.2'] },
        'INVALID_ITEM',
        'items',
        `each entry must be ${filterValueDescription('item')}`,
      ],
      [
        { transactionCodes: ['B'] },
        'INVALID_TRANSACTION_CODE',
        'transactionCodes',
        `each entry must be ${filterValueDescription('transactionCode')}`,
      ],
      [
        { transactionCodes: [1] },
        'INVALID_TRANSACTION_CODE',
        'transactionCodes',
        'each entry must be a string',
      ],
      [
        { minTransactionValue: '100000' },
        'INVALID_MIN_TRANSACTION_VALUE',
        'minTransactionValue',
        `must be ${filterNumberDescription('minTransactionValue')}`,
      ],
      [
        { minTransactionValue: -1 },
        'INVALID_MIN_TRANSACTION_VALUE',
        'minTransactionValue',
        `must be ${filterNumberDescription('minTransactionValue')}`,
      ],
      [{ tenb51: 'yes' }, 'INVALID_TENB51', 'tenb51', 'must be true or false'],
      [
        { minStakePercent: 101 },
        'INVALID_MIN_STAKE_PERCENT',
        'minStakePercent',
        'must be a percent of class from 0 to 100',
      ],
    ])('answers %j with %s', (raw, code, field, reason) => {
      expect(refuse(raw)).toEqual({
        ok: false,
        code,
        reasons: [{ field, reason }],
      });
    });

    it('answers TOO_MANY_VALUES for 101 item codes', () => {
      expect(refuse({ items: values(101, () => '2.02') }).code).toBe(
        'TOO_MANY_VALUES',
      );
    });

    it('gives the code of the first field refused, in the documented order', () => {
      expect(refuse({ tenb51: 1, items: ['x'] }).code).toBe('INVALID_ITEM');
      expect(refuse({ items: ['x'], ciks: ['x'] }).code).toBe(
        'INVALID_FILTERS',
      );
      expect(refuse({ minStakePercent: -1, tiker: [] }).code).toBe(
        'INVALID_MIN_STAKE_PERCENT',
      );
    });
  });
});
