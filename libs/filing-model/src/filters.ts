/**
 * Filter matching alone, for the browser: `matchesFilters` and the types it reads, without the
 * class-validator model (the main entry point's decorated classes register themselves when
 * loaded, so a bundler keeps them even when only `matchesFilters` is used).
 */
export { matchesFilters } from './lib/matches-filters';
export type { MatchableFiling } from './lib/matches-filters';
export { needsInsights } from './lib/normalized-filters';
export type {
  FilingFiltersJson,
  NormalizedFilters,
} from './lib/normalized-filters';
export {
  FILTER_VALUE_LIMITS,
  parseFilterNumber,
  parseFilterValue,
  TRANSACTION_CODES,
} from './lib/filter-value';
export type { FilterNumberKind, FilterValueKind } from './lib/filter-value';
