import type { OwnershipTransaction } from './insights';
import { matchesFilters, MatchableFiling } from './matches-filters';
import { NormalizedFilters } from './normalized-filters';
import { parseFilingFilters } from './parse-filing-filters';

function filters(raw: unknown): NormalizedFilters {
  const parsed = parseFilingFilters(raw);
  if (!parsed.ok)
    throw new Error(`filters refused: ${JSON.stringify(parsed.reasons)}`);
  return parsed.filters;
}

const aapl10k: MatchableFiling = {
  ticker: 'AAPL',
  cik: '320193',
  formType: '10-K',
};
const aapl10ka: MatchableFiling = {
  ticker: 'AAPL',
  cik: '320193',
  formType: '10-K/A',
};
const msft8k: MatchableFiling = {
  ticker: 'MSFT',
  cik: '789019',
  formType: '8-K',
};
const owner4: MatchableFiling = { ticker: '', cik: '1214128', formType: '4' };

describe('matchesFilters', () => {
  it.each([{}, { tickers: [], ciks: [], formTypes: [] }])(
    'lets everything through with %j',
    (raw) => {
      const f = filters(raw);
      expect(
        [aapl10k, msft8k, owner4].map((filing) => matchesFilters(filing, f)),
      ).toEqual([true, true, true]);
    },
  );

  it('ORs within the ticker list, case-insensitively', () => {
    const f = filters({ tickers: ['aapl', 'Msft'] });
    expect(
      [aapl10k, msft8k, owner4].map((filing) => matchesFilters(filing, f)),
    ).toEqual([true, true, false]);
    expect(matchesFilters({ ...msft8k, ticker: 'msft' }, f)).toBe(true);
    expect(matchesFilters({ ...msft8k, ticker: 'MSFTX' }, f)).toBe(false);
  });

  it('never matches a filing without ticker against a ticker list', () => {
    expect(matchesFilters(owner4, filters({ tickers: ['A'] }))).toBe(false);
  });

  it('compares CIKs as numbers, whichever side has the zeros', () => {
    expect(matchesFilters(aapl10k, filters({ ciks: ['0000320193'] }))).toBe(
      true,
    );
    expect(matchesFilters(aapl10k, filters({ ciks: [320193] }))).toBe(true);
    expect(
      matchesFilters(
        { ...aapl10k, cik: '0000320193' },
        filters({ ciks: ['320193'] }),
      ),
    ).toBe(true);
    expect(matchesFilters(aapl10k, filters({ ciks: ['3201930'] }))).toBe(false);
    expect(matchesFilters(aapl10k, filters({ ciks: ['32019'] }))).toBe(false);
  });

  it('compares form types case-insensitively', () => {
    expect(matchesFilters(msft8k, filters({ formTypes: ['8-k'] }))).toBe(true);
    expect(
      matchesFilters(
        { ...msft8k, formType: 'sc 13d' },
        filters({ formTypes: ['SC 13D'] }),
      ),
    ).toBe(true);
    expect(matchesFilters(msft8k, filters({ formTypes: ['8-K12B'] }))).toBe(
      false,
    );
  });

  it('matches amendments of a form type by default', () => {
    const f = filters({ formTypes: ['10-K'] });
    expect(matchesFilters(aapl10k, f)).toBe(true);
    expect(matchesFilters(aapl10ka, f)).toBe(true);
    expect(matchesFilters({ ...aapl10ka, formType: '10-k/a' }, f)).toBe(true);
    expect(matchesFilters({ ...aapl10k, formType: '10-K405' }, f)).toBe(false);
    expect(matchesFilters({ ...aapl10k, formType: 'NT 10-K' }, f)).toBe(false);
  });

  it('leaves amendments out when includeAmendments is false', () => {
    const f = filters({ formTypes: ['10-K'], includeAmendments: false });
    expect(matchesFilters(aapl10k, f)).toBe(true);
    expect(matchesFilters(aapl10ka, f)).toBe(false);
  });

  it('matches only amendments when the amendment itself is asked for', () => {
    const f = filters({ formTypes: ['10-K/A'] });
    expect(matchesFilters(aapl10ka, f)).toBe(true);
    expect(matchesFilters(aapl10k, f)).toBe(false);
  });

  it('ANDs across lists', () => {
    const f = filters({ tickers: ['AAPL', 'MSFT'], formTypes: ['10-K'] });
    expect(
      [aapl10k, aapl10ka, msft8k].map((filing) => matchesFilters(filing, f)),
    ).toEqual([true, true, false]);
    const g = filters({ tickers: ['AAPL'], ciks: ['789019'] });
    expect(matchesFilters(aapl10k, g)).toBe(false);
    expect(matchesFilters(msft8k, g)).toBe(false);
    const h = filters({
      tickers: ['MSFT'],
      ciks: ['789019'],
      formTypes: ['8-K', '10-Q'],
    });
    expect(
      [aapl10k, msft8k, { ...msft8k, formType: '10-Q' }].map((x) =>
        matchesFilters(x, h),
      ),
    ).toEqual([false, true, true]);
  });
});

describe('matchesFilters with insight filters', () => {
  const tx = (
    code: string,
    shares: number,
    price: number | null,
  ): OwnershipTransaction => ({
    security: 'Common Stock',
    date: '2025-03-03',
    code,
    acquired: code === 'P',
    shares,
    price,
    sharesAfter: null,
    derivative: false,
    direct: true,
  });
  const form4 = (
    transactions: OwnershipTransaction[],
    tenb51 = false,
  ): MatchableFiling => ({
    ticker: 'ACME',
    cik: '1000',
    formType: '4',
    insights: {
      ownership: {
        issuer: { cik: '1000', name: 'Acme', ticker: 'ACME' },
        owners: [],
        transactions,
        tenb51,
      },
    },
  });
  const eightK: MatchableFiling = {
    ticker: 'ACME',
    cik: '1000',
    formType: '8-K',
    insights: {
      items: [
        {
          code: '2.02',
          title: 'Results of Operations and Financial Condition',
        },
        { code: '9.01', title: 'Financial Statements and Exhibits' },
      ],
    },
  };
  const stake = (percent: number | null): MatchableFiling => ({
    ticker: '',
    cik: '2000',
    formType: 'SC 13G',
    insights: {
      stake: {
        issuer: { name: 'Acme', cusip: '000000000' },
        filers: [],
        percent,
      },
    },
  });

  it.each([
    { items: ['2.02'] },
    { transactionCodes: ['P'] },
    { minTransactionValue: 0 },
    { tenb51: false },
    { minStakePercent: 0 },
  ])('%j never matches a filing without insights', (raw) => {
    const f = filters(raw);
    expect(
      [aapl10k, owner4, { ...owner4, insights: null }].map((filing) =>
        matchesFilters(filing, f),
      ),
    ).toEqual([false, false, false]);
  });

  it('leaves filters without insight filters as they were, insights or not', () => {
    const f = filters({ formTypes: ['4'] });
    expect(
      [owner4, form4([tx('S', 10, 1)])].map((filing) =>
        matchesFilters(filing, f),
      ),
    ).toEqual([true, true]);
  });

  it('ORs within items and needs the 8-K to report one of them', () => {
    expect(matchesFilters(eightK, filters({ items: ['5.02', '2.02'] }))).toBe(
      true,
    );
    expect(matchesFilters(eightK, filters({ items: ['5.02'] }))).toBe(false);
    expect(matchesFilters(form4([]), filters({ items: ['2.02'] }))).toBe(false);
  });

  it('wants one transaction with both a listed code and the minimum value', () => {
    const f = filters({ transactionCodes: ['p'], minTransactionValue: 100000 });
    expect(
      [
        form4([tx('P', 1000, 100)]),
        form4([tx('P', 1000, 99.99)]),
        form4([tx('S', 10000, 100), tx('P', 10, 1)]),
        form4([tx('S', 10, 1), tx('P', 2000, 50)]),
        form4([tx('P', 1e6, null)]),
        eightK,
      ].map((filing) => matchesFilters(filing, f)),
    ).toEqual([true, false, false, true, false, false]);
  });

  it('takes any code with a minimum alone, and any value with codes alone', () => {
    expect(
      matchesFilters(
        form4([tx('M', 1, 1), tx('S', 5000, 40)]),
        filters({ minTransactionValue: 200000 }),
      ),
    ).toBe(true);
    expect(
      matchesFilters(
        form4([tx('G', 1, null)]),
        filters({ transactionCodes: ['G', 'F'] }),
      ),
    ).toBe(true);
  });

  it('compares tenb51 with the ownership flag, both ways', () => {
    const planned = form4([tx('S', 1, 1)], true);
    const open = form4([tx('S', 1, 1)], false);
    expect([
      matchesFilters(planned, filters({ tenb51: true })),
      matchesFilters(open, filters({ tenb51: true })),
      matchesFilters(planned, filters({ tenb51: false })),
      matchesFilters(open, filters({ tenb51: false })),
      matchesFilters(eightK, filters({ tenb51: false })),
    ]).toEqual([true, false, false, true, false]);
  });

  it('needs a stake of at least minStakePercent', () => {
    const f = filters({ minStakePercent: 9.8 });
    expect(
      [stake(9.8), stake(12), stake(9.7), stake(null), eightK].map((filing) =>
        matchesFilters(filing, f),
      ),
    ).toEqual([true, true, false, false, false]);
  });

  it('ANDs insight filters with each other and with the lists', () => {
    const f = filters({
      tickers: ['ACME'],
      transactionCodes: ['S'],
      tenb51: true,
    });
    expect(
      [
        form4([tx('S', 1, 1)], true),
        form4([tx('S', 1, 1)], false),
        { ...form4([tx('S', 1, 1)], true), ticker: 'OTHER' },
      ].map((filing) => matchesFilters(filing, f)),
    ).toEqual([true, false, false]);
  });

  it('does not throw on insights of the wrong shape', () => {
    const f = filters({
      items: ['2.02'],
      transactionCodes: ['P'],
      minStakePercent: 1,
    });
    const odd = [
      { items: 'x' },
      { items: [null] },
      { ownership: { transactions: [null, 7] } },
      { ownership: null },
      { stake: { percent: '9' } },
    ] as unknown as MatchableFiling['insights'][];
    for (const insights of odd) {
      expect(matchesFilters({ ...owner4, insights }, f)).toBe(false);
    }
  });
});
