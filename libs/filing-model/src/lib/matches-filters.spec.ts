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
