import {
  FILTER_VALUE_LIMITS,
  parseFilterNumber,
  parseFilterValue,
  type FilterValueKind,
} from './filter-value';
import { FILTER_NUMBER_CASES, FILTER_VALUE_CASES } from './filter-value-cases';
import { parseFilingFilters } from './parse-filing-filters';

const LIST = {
  ticker: 'tickers',
  cik: 'ciks',
  formType: 'formTypes',
  item: 'items',
  transactionCode: 'transactionCodes',
} as const satisfies Record<FilterValueKind, string>;

/** What `parseFilingFilters` (the subscription's filters) makes of one value: as the table says. */
function viaSubscriptionFilters(kind: FilterValueKind, raw: string) {
  const parsed = parseFilingFilters({ [LIST[kind]]: [raw] });
  if (!parsed.ok) return null;
  return [...(parsed.filters[LIST[kind]] ?? [])][0];
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

  it.each(FILTER_NUMBER_CASES.map((c) => [c.kind, c.raw, c.accepted]))(
    'number %s %j -> %j as JSON, as a query string and in parseFilingFilters',
    (kind, raw, accepted) => {
      const json = parseFilterNumber(kind, raw);
      const query = parseFilterNumber(kind, String(raw));
      const parsed = parseFilingFilters({ [kind]: raw });
      expect([
        json.ok ? json.value : null,
        query.ok ? query.value : null,
        parsed.ok ? parsed.filters[kind] : null,
      ]).toEqual([accepted, accepted, accepted]);
    },
  );

  it.each([
    '1e5',
    '-0',
    '0x10',
    '1,000',
    '',
    ' ',
    '12.',
    '.5',
    'Infinity',
    'NaN',
  ])('refuses the query-string number %j', (raw) => {
    expect(parseFilterNumber('minTransactionValue', raw).ok).toBe(false);
  });

  it.each([NaN, Infinity, -Infinity])('refuses the number %p', (raw) => {
    expect(parseFilterNumber('minStakePercent', raw).ok).toBe(false);
  });
});
