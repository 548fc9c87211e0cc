import type { Filing } from './filing';
import type {
  FilingInsights,
  OwnershipInsights,
  OwnershipTransaction,
} from './insights';
import { NormalizedFilters, needsInsights } from './normalized-filters';

/** The only fields matching reads, so callers may pass any filing-shaped object. */
export type MatchableFiling = Pick<Filing, 'ticker' | 'cik' | 'formType'> & {
  /** What the filing says (contracts §6), once known; read by the insight filters only. */
  readonly insights?: FilingInsights | null;
};

const AMENDMENT = '/A';

/**
 * Whether `filing` passes `filters` (contracts §3): AND across the lists given, OR within one;
 * an empty list does not constrain. Tickers and form types compare case-insensitively, a CIK as
 * a number (`0000320193` equals `320193`), and a form type also matches its amendments
 * (`10-K` matches `10-K/A`) unless `includeAmendments` is false. Only the filer's `cik` counts,
 * not those of other entities. A filing with ticker `""` never passes a ticker list.
 *
 * The insight filters read `filing.insights` and never pass a filing without it: `items` wants
 * one of the 8-K items; `transactionCodes` and `minTransactionValue` want one ownership
 * transaction that has one of the codes and a value (shares x price, a row without a price has
 * none) of at least the minimum, both on the same row; `tenb51` wants the ownership's 10b5-1
 * flag to equal it; `minStakePercent` wants a stake whose percent is at least it.
 *
 * Called once per filing per subscriber, so it allocates only when a filing is not already
 * normalized (as {@link toFiling} leaves it). Browser-safe.
 *
 * @example
 * ```ts
 * const { filters } = parseFilingFilters({ formTypes: ['10-K'] }) as { ok: true; filters: NormalizedFilters };
 * matchesFilters({ ticker: 'AAPL', cik: '320193', formType: '10-K/A' }, filters); // true
 * ```
 */
export function matchesFilters(
  filing: MatchableFiling,
  filters: NormalizedFilters,
): boolean {
  const { tickers, ciks, formTypes } = filters;
  if (tickers.size > 0 && !hasUpperCase(tickers, filing.ticker)) {
    return false;
  }
  if (ciks.size > 0 && !ciks.has(withoutLeadingZeros(filing.cik))) {
    return false;
  }
  if (formTypes.size > 0 && !matchesFormType(filing.formType, filters)) {
    return false;
  }
  return !needsInsights(filters) || matchesInsights(filing.insights, filters);
}

// Insights come from documents and over the wire: shapes are checked, never trusted to throw.
function matchesInsights(
  insights: FilingInsights | null | undefined,
  filters: NormalizedFilters,
): boolean {
  if (typeof insights !== 'object' || insights === null) return false;
  const { items, minStakePercent } = filters;
  if (items?.size && !hasItem(insights.items, items)) return false;
  if (
    minStakePercent !== undefined &&
    !(
      typeof insights.stake?.percent === 'number' &&
      insights.stake.percent >= minStakePercent
    )
  ) {
    return false;
  }
  return matchesOwnership(insights.ownership, filters);
}

function hasItem(
  reported: FilingInsights['items'],
  wanted: ReadonlySet<string>,
): boolean {
  return (
    Array.isArray(reported) &&
    reported.some(
      (item) => typeof item?.code === 'string' && wanted.has(item.code.trim()),
    )
  );
}

function matchesOwnership(
  ownership: OwnershipInsights | undefined,
  filters: NormalizedFilters,
): boolean {
  const { transactionCodes: codes, minTransactionValue: min, tenb51 } = filters;
  const wantsRow = (codes?.size ?? 0) > 0 || min !== undefined;
  if (!wantsRow && tenb51 === undefined) return true;
  if (typeof ownership !== 'object' || ownership === null) return false;
  if (tenb51 !== undefined && ownership.tenb51 !== tenb51) return false;
  if (!wantsRow) return true;
  return (
    Array.isArray(ownership.transactions) &&
    ownership.transactions.some(
      (row) =>
        typeof row === 'object' &&
        row !== null &&
        (!codes?.size || hasUpperCase(codes, String(row.code))) &&
        (min === undefined || valueOf(row) >= min),
    )
  );
}

/** Shares x price in USD; NaN (never at least a minimum) when the row gives no price. */
function valueOf(row: OwnershipTransaction): number {
  return typeof row.shares === 'number' && typeof row.price === 'number'
    ? row.shares * row.price
    : NaN;
}

function matchesFormType(
  formType: string,
  filters: NormalizedFilters,
): boolean {
  if (hasUpperCase(filters.formTypes, formType)) {
    return true;
  }
  const form = formType.trim().toUpperCase();
  return (
    filters.includeAmendments &&
    form.endsWith(AMENDMENT) &&
    filters.formTypes.has(form.slice(0, -AMENDMENT.length))
  );
}

/** Normalized filings hit the first lookup; only others pay for trimming and upper-casing. */
function hasUpperCase(values: ReadonlySet<string>, value: string): boolean {
  return values.has(value) || values.has(value.trim().toUpperCase());
}

function withoutLeadingZeros(cik: string): string {
  return cik.charCodeAt(0) === 48 ? cik.replace(/^0+/, '') : cik;
}
