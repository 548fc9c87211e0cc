import type { NormalizedFilters } from '@secfeed/filing-model';
import type { SubscriptionFilters } from '../connection/subscription-filters';

/** Everything the user can filter on; the URL query and localStorage hold exactly this. */
export interface FeedFilters {
  /** Upper-case tickers. */
  readonly tickers: readonly string[];
  /** CIKs without leading zeros. */
  readonly ciks: readonly string[];
  /** Upper-case form types, e.g. `8-K`, `SC 13D`. */
  readonly formTypes: readonly string[];
  /** Company name search, case-insensitive substring. */
  readonly q: string;
  /** First Eastern day to show, `YYYY-MM-DD`, or `''`. */
  readonly from: string;
  /** Last Eastern day to show, `YYYY-MM-DD`, or `''`. */
  readonly to: string;
  /** Whether `10-K` also shows `10-K/A`. */
  readonly includeAmendments: boolean;
}

export const EMPTY_FILTERS: FeedFilters = {
  tickers: [],
  ciks: [],
  formTypes: [],
  q: '',
  from: '',
  to: '',
  includeAmendments: true,
};

/** Whether two filter states mean the same thing (order of lists included). */
export function sameFilters(a: FeedFilters, b: FeedFilters): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether the user has narrowed anything at all. */
export function hasFilters(filters: FeedFilters): boolean {
  return !sameFilters(filters, EMPTY_FILTERS);
}

/** The lists in the shape `matchesFilters` of `@secfeed/filing-model` reads. */
export function toNormalizedFilters(filters: FeedFilters): NormalizedFilters {
  return {
    tickers: new Set(filters.tickers),
    ciks: new Set(filters.ciks),
    formTypes: new Set(filters.formTypes),
    includeAmendments: filters.includeAmendments,
  };
}

/** The server-side part, as `subscribe_sec_filings` takes it. */
export function toSubscriptionFilters(
  filters: FeedFilters,
): SubscriptionFilters {
  return {
    ...(filters.tickers.length ? { tickers: [...filters.tickers] } : {}),
    ...(filters.ciks.length ? { ciks: [...filters.ciks] } : {}),
    ...(filters.formTypes.length ? { formTypes: [...filters.formTypes] } : {}),
    ...(filters.includeAmendments ? {} : { includeAmendments: false as const }),
  };
}

/** Upper-case, trimmed, without blanks or repeats. */
export function cleanList(values: readonly string[]): string[] {
  const cleaned = values
    .map((value) => value.trim().toUpperCase().replace(/ +/g, ' '))
    .filter((value) => value.length > 0);
  return [...new Set(cleaned)];
}

/** A CIK as the gateway compares it: digits without leading zeros; `''` when not a CIK. */
export function cleanCik(value: string): string {
  const digits = value.trim().replace(/^0+(?=\d)/, '');
  return /^[1-9]\d{0,9}$/.test(digits) ? digits : '';
}
