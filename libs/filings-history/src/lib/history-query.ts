import type { NormalizedFilters } from '@secfeed/filing-model';
import { IndexEntry } from './index-entry';

/** Page size when `limit` is not given, and the largest accepted. */
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** A validated `GET /api/filings` query; build one with `parseHistoryQuery`. */
export interface HistoryQuery {
  /** ticker / cik / formType / includeAmendments, with contracts §3 semantics. */
  readonly filters: NormalizedFilters;
  /** Lower-case substring that `companyName` must contain, if given. */
  readonly q?: string;
  /** Inclusive `filedAtMs` bounds, if given. */
  readonly fromMs?: number;
  readonly toMs?: number;
  /** Where the previous page stopped. */
  readonly cursor?: IndexEntry;
  /** 1 to {@link MAX_LIMIT}. */
  readonly limit: number;
}
