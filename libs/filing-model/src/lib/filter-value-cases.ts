import type { FilterValueKind } from './filter-value';

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
];
