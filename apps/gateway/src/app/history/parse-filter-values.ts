import { MAX_FILTER_VALUES } from '@secfeed/filing-model';
import { HistoryError, HistoryErrorCode } from './history-error';

/** One list parameter of `GET /api/filings`: its name, how to normalize and check an entry. */
interface ListRule {
  readonly code: HistoryErrorCode;
  readonly pattern: RegExp;
  readonly hint: string;
  normalize(value: string): string;
}

// Tickers as EDGAR and exchanges write them (BRK-B, BRK.B, XYZ.WS); no braces or spaces, so
// every accepted value is also a valid Redis key part.
const TICKER: ListRule = {
  code: 'INVALID_TICKER',
  pattern: /^[A-Z0-9][A-Z0-9._\-/^=]{0,15}$/,
  hint: 'a ticker such as AAPL or BRK-B',
  normalize: (value) => value.toUpperCase(),
};

const CIK: ListRule = {
  code: 'INVALID_CIK',
  pattern: /^[1-9]\d{0,9}$/,
  hint: 'a CIK: digits, at most 10 significant, not all zeros',
  // A CIK compares as a number (contracts §3): 0000320193 is 320193.
  normalize: (value) => value.replace(/^0+(?=\d)/, ''),
};

// Form types hold single spaces (SC 13D, DEF 14A); runs of spaces collapse so that the
// in-app comparison and the form index key (which maps spaces to _) agree.
const FORM_TYPE: ListRule = {
  code: 'INVALID_FORM_TYPE',
  pattern: /^[A-Z0-9][A-Z0-9 .\-/]{0,31}$/,
  hint: 'a form type such as 10-K, 8-K, 4 or SC 13D',
  normalize: (value) => value.toUpperCase().replace(/ +/g, ' '),
};

/** The list parameters and their rules. */
export const LIST_RULES = {
  ticker: TICKER,
  cik: CIK,
  formType: FORM_TYPE,
} as const;

export type ListParameter = keyof typeof LIST_RULES;

/**
 * The values of a list parameter, given repeated (`ticker=A&ticker=B`), comma-separated
 * (`ticker=A,B`) or both; blanks are ignored, so `ticker=` means no ticker filter.
 *
 * @throws HistoryError `TOO_MANY_VALUES` above {@link MAX_FILTER_VALUES} values, or the
 *   parameter's own code (`INVALID_TICKER`, `INVALID_CIK`, `INVALID_FORM_TYPE`).
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
    const entry = rule.normalize(value);
    if (!rule.pattern.test(entry)) {
      throw new HistoryError(
        rule.code,
        `${name} must be ${rule.hint}, not ${JSON.stringify(value.slice(0, 40))}`,
      );
    }
    normalized.add(entry);
  }
  return normalized;
}
