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

  describe('with insight filters', () => {
    const insider = (code: string, shares: number, price: number) => ({
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
      ticker: string,
      transactions: ReturnType<typeof insider>[],
    ): MatchableFiling => ({
      ticker,
      cik: '1999999',
      formType: '4',
      insights: {
        ownership: {
          issuer: { cik: '1999999', name: 'Issuer', ticker },
          owners: [],
          transactions,
          tenb51: false,
        },
      },
    });
    const BIG_BUY = form4('ACME', [insider('P', 10_000, 20)]);
    const SMALL_BUY = form4('ACME', [insider('P', 10, 20)]);
    const RESULTS_8K: MatchableFiling = {
      ...MSFT_8K,
      insights: { items: [{ code: '2.02', title: 'Results' }] },
    };

    const lists = [
      undefined,
      { transactionCodes: ['P'], minTransactionValue: 100_000 },
      { items: ['2.02'] },
      { tickers: ['ACME'], transactionCodes: ['p'] },
      { formTypes: ['4'], tenb51: false },
      { ciks: ['789019'], items: ['5.02'] },
      { formTypes: ['4'] },
    ];

    function indexOfLists(): SubscriberIndex<string> {
      const index = new SubscriberIndex<string>();
      lists.forEach((raw, i) => index.set(String(i), filters(raw)));
      return index;
    }

    it('finds insight-only subscribers for filings with insights, not for those without', () => {
      const index = indexOfLists();
      expect(matches(index, BIG_BUY)).toEqual(['0', '1', '3', '4', '6']);
      expect(matches(index, SMALL_BUY)).toEqual(['0', '3', '4', '6']);
      expect(matches(index, RESULTS_8K)).toEqual(['0', '2']);
      expect(matches(index, { ...BIG_BUY, insights: undefined })).toEqual([
        '0',
        '6',
      ]);
      expect(matches(index, MSFT_8K)).toEqual(['0']);
    });

    it('agrees with matchesFilters on every filing, with insights or not', () => {
      const index = indexOfLists();
      for (const filing of [
        BIG_BUY,
        SMALL_BUY,
        RESULTS_8K,
        MSFT_8K,
        NO_TICKER_4,
        AAPL_10K,
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

    it('forgets an insight-only subscriber when its filters change or it leaves', () => {
      const index = new SubscriberIndex<string>();
      index.set('a', filters({ items: ['2.02'] }));
      index.set('a', filters({ tickers: ['ZZZ'] }));
      expect(matches(index, RESULTS_8K)).toEqual([]);
      index.set('b', filters({ items: ['2.02'] }));
      index.delete('b');
      expect(matches(index, RESULTS_8K)).toEqual([]);
      expect(index.size).toBe(1);
    });
  });
});
