/** A refused query: status 400 and a code docs/rest.md lists. */
export interface CompletenessQueryError {
  readonly code: 'INVALID_DATE' | 'UNKNOWN_PARAMETER' | 'DUPLICATE_PARAMETER';
  readonly message: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The query of `GET /api/completeness` and `POST /api/completeness/reconcile`: `date`, required,
 * a real `YYYY-MM-DD` calendar date from 1993 (EDGAR's first daily index) on; `ignored`
 * parameters (the access `token`) pass; anything else is refused.
 */
export function parseCompletenessQuery(
  search: string,
  ignored: ReadonlySet<string>,
): { readonly date: string } | { readonly error: CompletenessQueryError } {
  const params = new URLSearchParams(search);
  for (const name of new Set(params.keys())) {
    if (ignored.has(name)) continue;
    if (name !== 'date')
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
  const date = dates[0] ?? '';
  if (!isCalendarDate(date))
    return {
      error: {
        code: 'INVALID_DATE',
        message: 'date must be a YYYY-MM-DD calendar date, 1993 or later',
      },
    };
  return { date };
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
