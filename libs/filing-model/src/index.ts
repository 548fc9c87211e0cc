export { FILING_LIMITS } from './lib/filing-limits';
export { Filing, FILING_SOURCES } from './lib/filing';
export type { FilingSource, RawFiling } from './lib/filing';
export { FilingEntity } from './lib/filing-entity';
export { FilingDocumentFile } from './lib/filing-document-file';
export { FilingClassContract, FilingSeries } from './lib/filing-series';
export type { FieldError } from './lib/field-error';
export { toFiling } from './lib/to-filing';
export type { FilingMeta, ToFilingResult } from './lib/to-filing';
export {
  DEFAULT_MAX_FRAME_BYTES,
  parseStreamFrame,
} from './lib/parse-stream-frame';
export type {
  FrameReject,
  FrameRejectCode,
  ParsedFrame,
  ParseStreamFrameOptions,
} from './lib/parse-stream-frame';
export { FilingFilters } from './lib/filing-filters';
export {
  FILTER_VALUE_LIMITS,
  filterNumberDescription,
  filterValueDescription,
  isFilterNumber,
  isFilterValue,
  MAX_FILTER_VALUES,
  normalizeFilterValue,
  parseFilterNumber,
  parseFilterValue,
  TRANSACTION_CODES,
} from './lib/filter-value';
export type {
  FilterNumberKind,
  FilterNumberResult,
  FilterValueKind,
  FilterValueResult,
} from './lib/filter-value';
export { filtersToJson, needsInsights } from './lib/normalized-filters';
export type {
  FilingFiltersJson,
  NormalizedFilters,
} from './lib/normalized-filters';
export {
  INSIGHT_FILTER_CODES,
  parseFilingFilters,
} from './lib/parse-filing-filters';
export type {
  FilterErrorCode,
  InsightFilterErrorCode,
  ParseFilingFiltersResult,
} from './lib/parse-filing-filters';
export { matchesFilters } from './lib/matches-filters';
export type { MatchableFiling } from './lib/matches-filters';
export { easternIsoString } from './lib/eastern-iso-string';
export type {
  FilingInsights,
  FilingItem,
  InsightsProblem,
  OwnershipInsights,
  OwnershipOwner,
  OwnershipTransaction,
  StakeFiler,
  StakeInsights,
} from './lib/insights';
export { edgarFilingDate } from './lib/edgar-filing-date';
export { accessionFromLinks } from './lib/accession-from-links';
