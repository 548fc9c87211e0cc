import { easternWallTimeToMs } from './eastern-time';
import { HistoryError } from './history-error';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/** Which end of the range a bound is: a bare date covers its whole day either way. */
export type BoundEdge = 'from' | 'to';

/**
 * Epoch milliseconds of a `from` or `to` query value, inclusive.
 *
 * - `2025-03-10`: a day in New York time (EDGAR's); `from` is its first millisecond, `to` its
 *   last, so `from=D&to=D` is the whole day, across daylight saving changes too.
 * - `2025-03-10T09:30`, `...T09:30:15`, `...T09:30:15.250`: New York wall-clock time.
 * - The same with `Z` or `±hh:mm`: that instant (a `+` sent unencoded, read as a space by
 *   URL decoding, is taken as `+`).
 *
 * @throws HistoryError `INVALID_DATE` naming the parameter for anything else, including days
 *   that do not exist (`2025-02-30`).
 */
export function parseDateBound(raw: string, edge: BoundEdge): number {
  // An unencoded `+` in a query string arrives as a space: `...T09:30:00 01:00`.
  const text = raw.replace(/ (\d{2}:\d{2})$/, '+$1');
  const date = DATE.exec(text);
  if (date) {
    const day = wallDate(date, text, edge);
    return edge === 'from'
      ? easternWallTimeToMs(day)
      : easternWallTimeToMs(day + DAY_MS) - 1;
  }
  const dateTime = DATE_TIME.exec(text);
  if (!dateTime) throw invalid(text, edge);
  const [hour, minute, second] = [4, 5, 6].map((i) => Number(dateTime[i] ?? 0));
  if (hour > 23 || minute > 59 || second > 59) throw invalid(text, edge);
  const millis = Number((dateTime[7] ?? '').padEnd(3, '0').slice(0, 3));
  const wall =
    wallDate(dateTime, text, edge) +
    ((hour * 60 + minute) * 60 + second) * 1000 +
    millis;
  const offset = dateTime[8];
  if (offset === undefined) return easternWallTimeToMs(wall);
  return wall - offsetMs(offset, text, edge);
}

/** Midnight of the matched calendar day as a UTC timestamp; refuses days that do not exist. */
function wallDate(
  match: RegExpExecArray,
  text: string,
  edge: BoundEdge,
): number {
  const [year, month, day] = [1, 2, 3].map((i) => Number(match[i]));
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (
    year < 1970 ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    throw invalid(text, edge);
  }
  return ms;
}

function offsetMs(offset: string, text: string, edge: BoundEdge): number {
  if (offset === 'Z') return 0;
  const [, sign, hours, minutes] = OFFSET.exec(offset) ?? [];
  if (Number(hours) > 23 || Number(minutes) > 59) throw invalid(text, edge);
  const ms = (Number(hours) * 60 + Number(minutes)) * 60_000;
  return sign === '-' ? -ms : ms;
}

function invalid(text: string, edge: BoundEdge): HistoryError {
  return new HistoryError(
    'INVALID_DATE',
    `${edge} must be a date like 2025-03-10 or a date-time like 2025-03-10T09:30:00-04:00, not ${JSON.stringify(text.slice(0, 40))}`,
  );
}
