import {
  MAX_FILTER_VALUES,
  parseFilterValue,
  type FilterValueKind,
} from '@secfeed/filing-model';
import { HistoryError, HistoryErrorCode } from './history-error';

/**
 * The list parameters of `GET /api/filings`: which filter value each holds and its error
 * code. What a valid value is belongs to filing-model (`parseFilterValue`), the rule the
 * WebSocket's filters follow too.
 */
export const LIST_RULES = {
  ticker: { kind: 'ticker', code: 'INVALID_TICKER' },
  cik: { kind: 'cik', code: 'INVALID_CIK' },
  formType: { kind: 'formType', code: 'INVALID_FORM_TYPE' },
  item: { kind: 'item', code: 'INVALID_ITEM' },
  transactionCode: {
    kind: 'transactionCode',
    code: 'INVALID_TRANSACTION_CODE',
  },
} as const satisfies Record<
  string,
  { kind: FilterValueKind; code: HistoryErrorCode }
>;

export type ListParameter = keyof typeof LIST_RULES;

/**
 * The values of a list parameter, given repeated (`ticker=A&ticker=B`), comma-separated
 * (`ticker=A,B`) or both; blanks are ignored, so `ticker=` means no ticker filter.
 *
 * @throws HistoryError `TOO_MANY_VALUES` above {@link MAX_FILTER_VALUES} values, or the
 *   parameter's own code (`INVALID_TICKER`, `INVALID_CIK`, `INVALID_FORM_TYPE`,
 *   `INVALID_ITEM`, `INVALID_TRANSACTION_CODE`).
 */
export function parseFilterValues(
  name: ListParameter,
  raw: readonly string[],
): Set<string> {
  const rule = LIST_RULES[name];
  const values = raw
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
  if (values.length > MAX_FILTER_VALUES) {
    throw new HistoryError(
      'TOO_MANY_VALUES',
      `${name} takes at most ${MAX_FILTER_VALUES} values`,
    );
  }
  const normalized = new Set<string>();
  for (const value of values) {
    const parsed = parseFilterValue(rule.kind, value);
    if (!parsed.ok) {
      throw new HistoryError(
        rule.code,
        `${name} ${parsed.reason}, not ${JSON.stringify(value.slice(0, 40))}`,
      );
    }
    normalized.add(parsed.value);
  }
  return normalized;
}
