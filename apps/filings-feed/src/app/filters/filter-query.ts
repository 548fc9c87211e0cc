import type { Params } from '@angular/router';
import {
  EMPTY_FILTERS,
  cleanCik,
  cleanList,
  type FeedFilters,
} from './feed-filters';

/** The query parameters filters use in the URL, e.g. `?tickers=AAPL,MSFT&forms=8-K&amendments=0`. */
export const FILTER_QUERY_KEYS = [
  'tickers',
  'ciks',
  'forms',
  'q',
  'from',
  'to',
  'amendments',
] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Filters as URL query parameters; defaults are left out (`null` removes them from the URL). */
export function filtersToQuery(filters: FeedFilters): Params {
  const list = (values: readonly string[]) =>
    values.length ? values.join(',') : null;
  return {
    tickers: list(filters.tickers),
    ciks: list(filters.ciks),
    forms: list(filters.formTypes),
    q: filters.q || null,
    from: filters.from || null,
    to: filters.to || null,
    amendments: filters.includeAmendments ? null : '0',
  };
}

/** Whether the URL carries any filter at all (otherwise the remembered filters apply). */
export function queryHasFilters(params: Params): boolean {
  return FILTER_QUERY_KEYS.some(
    (key) => typeof params[key] === 'string' && params[key] !== '',
  );
}

/** Filters from URL query parameters; unreadable values are dropped, never fatal. */
export function filtersFromQuery(params: Params): FeedFilters {
  const text = (key: string) =>
    typeof params[key] === 'string' ? (params[key] as string) : '';
  const split = (key: string) => text(key).split(',');
  const day = (key: string) => (DAY.test(text(key)) ? text(key) : '');
  return {
    ...EMPTY_FILTERS,
    tickers: cleanList(split('tickers')),
    ciks: [...new Set(split('ciks').map(cleanCik).filter(Boolean))],
    formTypes: cleanList(split('forms')),
    q: text('q').trim(),
    from: day('from'),
    to: day('to'),
    includeAmendments: text('amendments') !== '0',
  };
}
