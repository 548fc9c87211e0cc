import type { Params } from '@angular/router';
import {
  EMPTY_FILTERS,
  cleanCik,
  cleanList,
  validNumber,
  validValues,
  type FeedFilters,
} from './feed-filters';

/**
 * The query parameters filters use in the URL, e.g. `?tickers=AAPL,MSFT&forms=8-K&amendments=0`
 * or, for insights, `?codes=P&minvalue=100000&tenb51=0&items=2.02&minstake=5`.
 */
export const FILTER_QUERY_KEYS = [
  'tickers',
  'ciks',
  'forms',
  'q',
  'from',
  'to',
  'amendments',
  'items',
  'codes',
  'minvalue',
  'tenb51',
  'minstake',
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
    items: list(filters.items),
    codes: list(filters.transactionCodes),
    minvalue: numberText(filters.minTransactionValue),
    tenb51: filters.tenb51 === null ? null : filters.tenb51 ? '1' : '0',
    minstake: numberText(filters.minStakePercent),
  };
}

function numberText(value: number | null): string | null {
  return value === null ? null : String(value);
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
    items: validValues('item', split('items')),
    transactionCodes: validValues('transactionCode', split('codes')),
    minTransactionValue: validNumber('minTransactionValue', text('minvalue')),
    tenb51:
      text('tenb51') === '1' ? true : text('tenb51') === '0' ? false : null,
    minStakePercent: validNumber('minStakePercent', text('minstake')),
  };
}
