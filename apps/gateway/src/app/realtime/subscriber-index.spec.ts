import {
  matchesFilters,
  parseFilingFilters,
  type MatchableFiling,
  type NormalizedFilters,
} from '@secfeed/filing-model';
import { SubscriberIndex } from './subscriber-index';

function filters(raw: unknown): NormalizedFilters {
  const parsed = parseFilingFilters(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.reasons));
  return parsed.filters;
}

function matches(
  index: SubscriberIndex<string>,
  filing: MatchableFiling,
): string[] {
  const found: string[] = [];
  index.forEachMatch(filing, (s) => found.push(s));
  return found.sort();
}

const AAPL_10K: MatchableFiling = {
  ticker: 'AAPL',
  cik: '320193',
  formType: '10-K',
};
const AAPL_10KA: MatchableFiling = {
  ticker: 'AAPL',
  cik: '320193',
  formType: '10-K/A',
};
const MSFT_8K: MatchableFiling = {
  ticker: 'MSFT',
  cik: '789019',
  formType: '8-K',
};
const NO_TICKER_4: MatchableFiling = {
  ticker: '',
  cik: '1999999',
  formType: '4',
};

describe('SubscriberIndex', () => {
  it('finds each matching subscriber exactly once', () => {
    const index = new SubscriberIndex<string>();
    index.set('all', filters(undefined));
    index.set('aapl', filters({ tickers: ['aapl'] }));
    index.set('aapl-8k', filters({ tickers: ['AAPL'], formTypes: ['8-K'] }));
    index.set('cik', filters({ ciks: ['0000320193'] }));
    index.set('10-k', filters({ formTypes: ['10-k'] }));
    index.set('10-k-both', filters({ formTypes: ['10-K', '10-K/A'] }));
    index.set(
      '10-k-only',
      filters({ formTypes: ['10-K'], includeAmendments: false }),
    );
    index.set('form-4', filters({ formTypes: ['4'] }));

    expect(matches(index, AAPL_10K)).toEqual([
      '10-k',
      '10-k-both',
      '10-k-only',
      'aapl',
      'all',
      'cik',
    ]);
    expect(matches(index, AAPL_10KA)).toEqual([
      '10-k',
      '10-k-both',
      'aapl',
      'all',
      'cik',
    ]);
    expect(matches(index, MSFT_8K)).toEqual(['all']);
    expect(matches(index, NO_TICKER_4)).toEqual(['all', 'form-4']);
  });

  it('agrees with matchesFilters on every combination', () => {
    const lists = [
      undefined,
      { tickers: ['AAPL', 'msft'] },
      { ciks: [320193] },
      { formTypes: ['10-K'], includeAmendments: false },
      { tickers: ['AAPL'], ciks: ['789019'] },
      { ciks: ['320193'], formTypes: ['10-k'] },
    ];
    const index = new SubscriberIndex<string>();
    lists.forEach((raw, i) => index.set(String(i), filters(raw)));
    for (const filing of [
      AAPL_10K,
      AAPL_10KA,
      MSFT_8K,
      NO_TICKER_4,
      { ticker: 'aapl', cik: '000320193', formType: ' 10-k ' },
    ]) {
      const expected = lists
        .map((raw, i) =>
          matchesFilters(filing, filters(raw)) ? String(i) : undefined,
        )
        .filter((s): s is string => s !== undefined)
        .sort();
      expect(matches(index, filing)).toEqual(expected);
    }
  });

  it('replaces filters atomically and forgets deleted subscribers', () => {
    const index = new SubscriberIndex<string>();
    index.set('a', filters({ tickers: ['AAPL'] }));
    index.set('a', filters({ tickers: ['MSFT'] }));
    expect(index.size).toBe(1);
    expect(matches(index, AAPL_10K)).toEqual([]);
    expect(matches(index, MSFT_8K)).toEqual(['a']);
    index.delete('a');
    index.delete('a');
    expect(index.size).toBe(0);
    expect(index.has('a')).toBe(false);
    expect(matches(index, MSFT_8K)).toEqual([]);
  });
});
