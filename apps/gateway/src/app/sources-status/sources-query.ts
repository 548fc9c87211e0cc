/** A refused query of `GET /api/sources`: status 400 and a code docs/rest.md lists. */
export interface SourcesQueryError {
  readonly code: 'INVALID_DATE' | 'UNKNOWN_PARAMETER' | 'DUPLICATE_PARAMETER';
  readonly message: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The query of `GET /api/sources`: `date`, optional (default: today, UTC), a real `YYYY-MM-DD`
 * calendar date; `ignored` parameters (the access `token`) pass; anything else is refused.
 */
export function parseSourcesQuery(
  search: string,
  ignored: ReadonlySet<string>,
  nowMs: number,
): { readonly date: string } | { readonly error: SourcesQueryError } {
  const params = new URLSearchParams(search);
  for (const name of new Set(params.keys())) {
    if (!ignored.has(name) && name !== 'date')
      return {
        error: {
          code: 'UNKNOWN_PARAMETER',
          message: `unknown parameter ${JSON.stringify(name.slice(0, 64))}; use date`,
        },
      };
  }
  const dates = params.getAll('date');
  if (dates.length > 1)
    return {
      error: { code: 'DUPLICATE_PARAMETER', message: 'date given twice' },
    };
  if (dates.length === 0)
    return { date: new Date(nowMs).toISOString().slice(0, 10) };
  if (!isCalendarDate(dates[0]))
    return {
      error: {
        code: 'INVALID_DATE',
        message: 'date must be a YYYY-MM-DD calendar date',
      },
    };
  return { date: dates[0] };
}

function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1993 &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}
