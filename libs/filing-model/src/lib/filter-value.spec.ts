import {
  FILTER_VALUE_LIMITS,
  parseFilterValue,
  type FilterValueKind,
} from './filter-value';
import { FILTER_VALUE_CASES } from './filter-value-cases';
import { parseFilingFilters } from './parse-filing-filters';

const LIST: Record<FilterValueKind, 'tickers' | 'ciks' | 'formTypes'> = {
  ticker: 'tickers',
  cik: 'ciks',
  formType: 'formTypes',
};

/** What `parseFilingFilters` (the subscription's filters) makes of one value: as the table says. */
function viaSubscriptionFilters(kind: FilterValueKind, raw: string) {
  const parsed = parseFilingFilters({ [LIST[kind]]: [raw] });
  if (!parsed.ok) return null;
  const { tickers, ciks, formTypes } = parsed.filters;
  return [...{ ticker: tickers, cik: ciks, formType: formTypes }[kind]][0];
}

describe('parseFilterValue: the one rule of filter values', () => {
  it.each(FILTER_VALUE_CASES.map((c) => [c.kind, c.raw, c.accepted]))(
    '%s %j -> %j',
    (kind, raw, accepted) => {
      const result = parseFilterValue(kind, raw);
      expect(result.ok ? result.value : null).toBe(accepted);
    },
  );

  it.each(FILTER_VALUE_CASES.map((c) => [c.kind, c.raw, c.accepted]))(
    'parseFilingFilters agrees on %s %j',
    (kind, raw, accepted) => {
      expect(viaSubscriptionFilters(kind, raw)).toBe(accepted);
    },
  );

  it('says what a valid value looks like', () => {
    expect(parseFilterValue('ticker', 'AAPL!')).toEqual({
      ok: false,
      reason: `must be a ticker such as AAPL, BRK-B or BF.B (a letter or digit, then at most ${FILTER_VALUE_LIMITS.tickerLength - 1} letters, digits or . - _ / ^ =)`,
    });
    expect(parseFilterValue('cik', 'x')).toEqual({
      ok: false,
      reason: 'must be a CIK: digits, at most 10 significant, not all zeros',
    });
  });

  it('gives values that are valid again as they are (normalizing twice changes nothing)', () => {
    for (const { kind, accepted } of FILTER_VALUE_CASES) {
      if (accepted === null) continue;
      expect(parseFilterValue(kind, accepted)).toEqual({
        ok: true,
        value: accepted,
      });
    }
  });
});
