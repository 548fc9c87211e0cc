import {
  INSIGHT_FILTER_CODES,
  parseFilterNumber,
  type FilterNumberKind,
  type NormalizedFilters,
} from '@secfeed/filing-model';
import { decodeHistoryCursor } from './history-cursor';
import { HistoryError } from './history-error';
import { DEFAULT_LIMIT, HistoryQuery, MAX_LIMIT } from './history-query';
import { parseDateBound } from './parse-date-bound';
import {
  LIST_RULES,
  ListParameter,
  parseFilterValues,
} from './parse-filter-values';

/** Longest query string accepted; 100 tickers and a cursor fit several times over. */
export const MAX_QUERY_LENGTH = 4096;
/** Longest `q`: company names are at most a few dozen characters. */
export const MAX_Q_LENGTH = 100;

const INSIGHT_SCALARS = ['minTransactionValue', 'tenb51', 'minStakePercent'];
const SCALARS = [
  'q',
  'from',
  'to',
  'cursor',
  'limit',
  'includeAmendments',
  ...INSIGHT_SCALARS,
];
const KNOWN = new Set([...Object.keys(LIST_RULES), ...SCALARS]);

/**
 * Validates the query string of `GET /api/filings` (docs/rest.md). An empty value counts as
 * absent, so the template `?ticker=&cik=&formType=` lists everything. Parameters named in
 * `ignored` (e.g. an access token read by the auth layer) are skipped.
 *
 * @throws HistoryError with a 400 code: `UNKNOWN_PARAMETER` (a typo such as `tickers=` must
 *   not silently list everything), `DUPLICATE_PARAMETER` for a repeated scalar,
 *   `QUERY_TOO_LONG`, or the code of the bad parameter.
 */
export function parseHistoryQuery(
  search: string,
  ignored: ReadonlySet<string> = new Set(),
): HistoryQuery {
  if (search.length > MAX_QUERY_LENGTH) {
    throw new HistoryError(
      'QUERY_TOO_LONG',
      `the query string must be at most ${MAX_QUERY_LENGTH} characters`,
    );
  }
  const params = new URLSearchParams(search);
  const scalar = scalarReader(params, ignored);
  const list = (name: ListParameter) =>
    parseFilterValues(name, params.getAll(name));
  const fromMs = optional(scalar('from'), (v) => parseDateBound(v, 'from'));
  const toMs = optional(scalar('to'), (v) => parseDateBound(v, 'to'));
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) {
    throw new HistoryError('INVALID_RANGE', 'from must not be after to');
  }
  return {
    filters: {
      tickers: list('ticker'),
      ciks: list('cik'),
      formTypes: list('formType'),
      includeAmendments: parseAmendments(scalar('includeAmendments')),
      ...insightFilters(list, scalar),
    },
    q: optional(scalar('q'), parseQ),
    fromMs,
    toMs,
    cursor: optional(scalar('cursor'), decodeHistoryCursor),
    limit: optional(scalar('limit'), parseLimit) ?? DEFAULT_LIMIT,
  };
}

/** Checks every name once, then reads single-valued parameters (blank = absent). */
function scalarReader(
  params: URLSearchParams,
  ignored: ReadonlySet<string>,
): (name: string) => string | undefined {
  for (const name of new Set(params.keys())) {
    if (ignored.has(name)) continue;
    if (!KNOWN.has(name)) {
      throw new HistoryError(
        'UNKNOWN_PARAMETER',
        `unknown parameter ${JSON.stringify(name.slice(0, 40))}; use ${[...KNOWN].join(', ')}`,
      );
    }
    if (SCALARS.includes(name) && params.getAll(name).length > 1) {
      throw new HistoryError(
        'DUPLICATE_PARAMETER',
        `${name} may be given only once`,
      );
    }
  }
  return (name) => {
    const value = params.get(name)?.trim();
    return value ? value : undefined;
  };
}

function optional<T>(
  value: string | undefined,
  parse: (value: string) => T,
): T | undefined {
  return value === undefined ? undefined : parse(value);
}

function parseLimit(value: string): number {
  const limit = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) {
    throw new HistoryError(
      'INVALID_LIMIT',
      `limit must be an integer from 1 to ${MAX_LIMIT}`,
    );
  }
  return limit;
}

function parseQ(value: string): string {
  if (value.length > MAX_Q_LENGTH) {
    throw new HistoryError(
      'QUERY_TOO_LONG',
      `q must be at most ${MAX_Q_LENGTH} characters`,
    );
  }
  return value.toLowerCase();
}

/**
 * The insight filters (docs/rest.md), present only when given so that a query without them is
 * what it always was; each refusal has the code the WebSocket's filters give it.
 */
function insightFilters(
  list: (name: ListParameter) => Set<string>,
  scalar: (name: string) => string | undefined,
): Partial<NormalizedFilters> {
  const items = list('item');
  const transactionCodes = list('transactionCode');
  const tenb51 = scalar('tenb51');
  const filters: {
    -readonly [K in keyof NormalizedFilters]?: NormalizedFilters[K];
  } = {};
  if (items.size > 0) filters.items = items;
  if (transactionCodes.size > 0) filters.transactionCodes = transactionCodes;
  const minTransactionValue = optional(scalar('minTransactionValue'), (v) =>
    parseNumber('minTransactionValue', v),
  );
  if (minTransactionValue !== undefined)
    filters.minTransactionValue = minTransactionValue;
  if (tenb51 !== undefined) filters.tenb51 = parseTenb51(tenb51);
  const minStakePercent = optional(scalar('minStakePercent'), (v) =>
    parseNumber('minStakePercent', v),
  );
  if (minStakePercent !== undefined) filters.minStakePercent = minStakePercent;
  return filters;
}

function parseNumber(kind: FilterNumberKind, value: string): number {
  const parsed = parseFilterNumber(kind, value);
  if (!parsed.ok) {
    throw new HistoryError(
      INSIGHT_FILTER_CODES[kind],
      `${kind} ${parsed.reason}, not ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  return parsed.value;
}

function parseTenb51(value: string): boolean {
  if (value === 'true' || value === 'false') return value === 'true';
  throw new HistoryError(
    INSIGHT_FILTER_CODES.tenb51,
    'tenb51 must be true or false',
  );
}

function parseAmendments(value: string | undefined): boolean {
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw new HistoryError(
    'INVALID_INCLUDE_AMENDMENTS',
    'includeAmendments must be true or false',
  );
}
