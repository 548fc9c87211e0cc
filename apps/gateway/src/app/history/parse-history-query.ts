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

const SCALARS = ['q', 'from', 'to', 'cursor', 'limit', 'includeAmendments'];
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

function parseAmendments(value: string | undefined): boolean {
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  throw new HistoryError(
    'INVALID_INCLUDE_AMENDMENTS',
    'includeAmendments must be true or false',
  );
}
