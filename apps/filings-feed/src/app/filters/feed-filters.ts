import {
  parseFilterNumber,
  parseFilterValue,
  type FilterNumberKind,
  type FilterValueKind,
  type NormalizedFilters,
} from '@secfeed/filing-model/filters';
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
  /** 8-K item codes, e.g. `2.02` (insight filter, contracts §6). */
  readonly items: readonly string[];
  /** Form 4 transaction codes, upper case, e.g. `P`, `S`. */
  readonly transactionCodes: readonly string[];
  /** Least shares x price of one transaction, USD, or `null`. */
  readonly minTransactionValue: number | null;
  /** Only filings under a 10b5-1 plan (`true`), only others (`false`), or either (`null`). */
  readonly tenb51: boolean | null;
  /** Least percent of class of a 13D/13G, or `null`. */
  readonly minStakePercent: number | null;
}

export const EMPTY_FILTERS: FeedFilters = {
  tickers: [],
  ciks: [],
  formTypes: [],
  q: '',
  from: '',
  to: '',
  includeAmendments: true,
  items: [],
  transactionCodes: [],
  minTransactionValue: null,
  tenb51: null,
  minStakePercent: null,
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
    ...toSubscriptionInsightFilters(filters, (values) => new Set(values)),
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
    ...toSubscriptionInsightFilters(filters, (values) => [...values]),
  };
}

/** The insight filters that are set, each list made by `list`; unset ones are left out. */
function toSubscriptionInsightFilters<L>(
  filters: FeedFilters,
  list: (values: readonly string[]) => L,
): {
  items?: L;
  transactionCodes?: L;
  minTransactionValue?: number;
  tenb51?: boolean;
  minStakePercent?: number;
} {
  const { items, transactionCodes, minTransactionValue, tenb51 } = filters;
  return {
    ...(items.length ? { items: list(items) } : {}),
    ...(transactionCodes.length
      ? { transactionCodes: list(transactionCodes) }
      : {}),
    ...(minTransactionValue !== null ? { minTransactionValue } : {}),
    ...(tenb51 !== null ? { tenb51 } : {}),
    ...(filters.minStakePercent !== null
      ? { minStakePercent: filters.minStakePercent }
      : {}),
  };
}

/**
 * The valid values of `kind` among `values` (the gateway's own rule, `parseFilterValue`),
 * normalized, without repeats; the others are dropped so a typo never breaks the feed.
 */
export function validValues(
  kind: FilterValueKind,
  values: readonly string[],
): string[] {
  const valid = values.flatMap((value) => {
    const parsed = parseFilterValue(kind, value);
    return parsed.ok ? [parsed.value] : [];
  });
  return [...new Set(valid)];
}

/** `text` as a valid number of `kind` (`parseFilterNumber`), or `null` when blank or invalid. */
export function validNumber(
  kind: FilterNumberKind,
  text: string,
): number | null {
  const parsed = text.trim() ? parseFilterNumber(kind, text) : null;
  return parsed?.ok ? parsed.value : null;
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
