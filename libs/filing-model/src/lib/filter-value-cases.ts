import type { FilterNumberKind, FilterValueKind } from './filter-value';

/**
 * One filter value and what the one rule makes of it: the normalized value when accepted,
 * `null` when refused.
 */
export interface FilterValueCase {
  readonly kind: FilterValueKind;
  readonly raw: string;
  readonly accepted: string | null;
}

const accept = (kind: FilterValueKind, raw: string, value: string) => ({
  kind,
  raw,
  accepted: value,
});
const refuse = (kind: FilterValueKind, raw: string) => ({
  kind,
  raw,
  accepted: null,
});

/**
 * The shared table of filter values: every parser of filters (the WebSocket's subscribe, REST's
 * query) must accept and refuse exactly these, with these normalized values. Blank values are
 * left out on purpose: an empty JSON entry is refused while an empty query value means "no
 * filter", a difference of the list syntax, not of the values.
 */
export const FILTER_VALUE_CASES: readonly FilterValueCase[] = [
  accept('ticker', 'AAPL', 'AAPL'),
  accept('ticker', ' aapl ', 'AAPL'),
  accept('ticker', 'BRK-A', 'BRK-A'),
  accept('ticker', 'bf.b', 'BF.B'),
  accept('ticker', 'TRTN-PA', 'TRTN-PA'),
  accept('ticker', 'BRK/B', 'BRK/B'),
  accept('ticker', 'BAC^L', 'BAC^L'),
  accept('ticker', 'XYZ.WS', 'XYZ.WS'),
  accept('ticker', 'ES=F', 'ES=F'),
  accept('ticker', '1', '1'),
  accept('ticker', 'A'.repeat(16), 'A'.repeat(16)),
  refuse('ticker', 'A'.repeat(17)),
  refuse('ticker', 'X'.repeat(64)),
  refuse('ticker', 'BRK B'),
  refuse('ticker', 'AAPL!'),
  refuse('ticker', '-AAPL'),
  refuse('ticker', '.B'),
  refuse('ticker', '{sec}'),
  refuse('ticker', 'AAPL\u0000'),
  refuse('ticker', 'ÄPPL'),
  accept('cik', '320193', '320193'),
  accept('cik', '0000320193', '320193'),
  accept('cik', ' 0000320193 ', '320193'),
  accept('cik', '1', '1'),
  accept('cik', '9999999999', '9999999999'),
  accept('cik', '000000000000001067983', '1067983'),
  refuse('cik', '0'),
  refuse('cik', '0000'),
  refuse('cik', '12345678901'),
  refuse('cik', 'CIK320193'),
  refuse('cik', '-5'),
  refuse('cik', '3.5'),
  refuse('cik', '32 0193'),
  accept('formType', '10-K', '10-K'),
  accept('formType', '8-k', '8-K'),
  accept('formType', '4', '4'),
  accept('formType', '10-K/A', '10-K/A'),
  accept('formType', 'sc 13d', 'SC 13D'),
  accept('formType', 'SC  13D', 'SC 13D'),
  accept('formType', 'DEF 14A', 'DEF 14A'),
  accept('formType', 'SCHEDULE 13D/A', 'SCHEDULE 13D/A'),
  accept('formType', '424B2', '424B2'),
  accept('formType', 'F'.repeat(32), 'F'.repeat(32)),
  refuse('formType', 'F'.repeat(33)),
  refuse('formType', 'X'.repeat(64)),
  refuse('formType', '10-K!'),
  refuse('formType', '/A'),
  refuse('formType', 'SC\t13D'),
  refuse('formType', '10_K'),
  refuse('formType', '{sec}'),
  accept('item', '2.02', '2.02'),
  accept('item', ' 9.01 ', '9.01'),
  accept('item', '5.02', '5.02'),
  accept('item', '1.10', '1.10'),
  refuse('item', '2.2'),
  refuse('item', '202'),
  refuse('item', 'Item 2.02'),
  refuse('item', '0.01'),
  refuse('item', '2.02a'),
  refuse('item', '12.02'),
  accept('transactionCode', 'P', 'P'),
  accept('transactionCode', 's', 'S'),
  accept('transactionCode', ' m ', 'M'),
  accept('transactionCode', 'G', 'G'),
  accept('transactionCode', 'u', 'U'),
  refuse('transactionCode', 'B'),
  refuse('transactionCode', 'PS'),
  refuse('transactionCode', 'P1'),
  refuse('transactionCode', '1'),
  refuse('transactionCode', 'Ö'),
];

/**
 * One numeric filter value: the JSON number a WebSocket client sends (a REST query sends its
 * decimal `String(raw)`), and the accepted value or `null` when refused.
 */
export interface FilterNumberCase {
  readonly kind: FilterNumberKind;
  readonly raw: number;
  readonly accepted: number | null;
}

const number = (kind: FilterNumberKind, raw: number, ok: boolean) => ({
  kind,
  raw,
  accepted: ok ? raw : null,
});

/** The shared table of numeric filter values, as {@link FILTER_VALUE_CASES} for lists. */
export const FILTER_NUMBER_CASES: readonly FilterNumberCase[] = [
  number('minTransactionValue', 0, true),
  number('minTransactionValue', 100000, true),
  number('minTransactionValue', 2500.5, true),
  number('minTransactionValue', 1e12, true),
  number('minTransactionValue', 1e12 + 1, false),
  number('minTransactionValue', -1, false),
  number('minStakePercent', 0, true),
  number('minStakePercent', 5, true),
  number('minStakePercent', 9.8, true),
  number('minStakePercent', 100, true),
  number('minStakePercent', 100.5, false),
  number('minStakePercent', -0.5, false),
];
