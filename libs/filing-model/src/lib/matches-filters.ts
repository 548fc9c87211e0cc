import type { Filing } from './filing';
import { NormalizedFilters } from './normalized-filters';

/** The only fields matching reads, so callers may pass any filing-shaped object. */
export type MatchableFiling = Pick<Filing, 'ticker' | 'cik' | 'formType'>;

const AMENDMENT = '/A';

/**
 * Whether `filing` passes `filters` (contracts §3): AND across the lists given, OR within one;
 * an empty list does not constrain. Tickers and form types compare case-insensitively, a CIK as
 * a number (`0000320193` equals `320193`), and a form type also matches its amendments
 * (`10-K` matches `10-K/A`) unless `includeAmendments` is false. Only the filer's `cik` counts,
 * not those of other entities. A filing with ticker `""` never passes a ticker list.
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
  return formTypes.size === 0 || matchesFormType(filing.formType, filters);
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
