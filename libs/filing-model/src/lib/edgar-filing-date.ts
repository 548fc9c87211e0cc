// The date EDGAR gives a filing (`FILED AS OF DATE`, the daily index's `Date Filed`), from its
// acceptance time: Regulation S-T Rule 13. No date library: the runtime's ICU data knows the
// New York DST rules, and the federal holidays below are the whole calendar EDGAR keeps.

const EASTERN_DAY_AND_TIME = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const DAY_MS = 86_400_000;
/** A filing accepted at or after 17:30 Eastern is filed the next business day... */
const CUTOFF_MINUTES = 17 * 60 + 30;
/** ...except Forms 3, 4 and 5 (and, since 2024-02-05, Schedules 13D and 13G) until 22:00. */
const LATE_CUTOFF_MINUTES = 22 * 60;
const SCHEDULES_LATE_CUTOFF_FROM_MS = Date.parse('2024-02-05T05:00:00Z');
const SECTION_16 = /^[345](\/A)?$/;
const SCHEDULE_13D_G = /^(SC 13[DG]|SCHEDULE 13[DG])(\/A)?$/;

/**
 * The filing date EDGAR assigns to a filing accepted at `filedAtMs` (`YYYY-MM-DD`): the day of
 * acceptance in New York when that is a business day and the filing came before the cut-off
 * (17:30; 22:00 for Forms 3/4/5 and, from 2024-02-05, Schedules 13D/13G), otherwise the next
 * business day (weekends and federal holidays, as observed, are not).
 *
 * @example
 * ```ts
 * edgarFilingDate(Date.parse('2024-03-15T17:45:00-04:00'), '8-K'); // '2024-03-18' (a Friday evening)
 * edgarFilingDate(Date.parse('2025-03-07T21:00:08-05:00'), '4');   // '2025-03-07'
 * ```
 */
export function edgarFilingDate(filedAtMs: number, formType: string): string {
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of EASTERN_DAY_AND_TIME.formatToParts(filedAtMs))
    part[type] = value;
  let day = Date.UTC(
    Number(part.year),
    Number(part.month) - 1,
    Number(part.day),
  );
  const minutes = Number(part.hour) * 60 + Number(part.minute);
  if (minutes >= cutoffMinutes(formType, filedAtMs) || !isBusinessDay(day)) {
    do day += DAY_MS;
    while (!isBusinessDay(day));
  }
  return new Date(day).toISOString().slice(0, 10);
}

function cutoffMinutes(formType: string, filedAtMs: number): number {
  const form = formType.trim().toUpperCase();
  if (SECTION_16.test(form)) return LATE_CUTOFF_MINUTES;
  if (SCHEDULE_13D_G.test(form) && filedAtMs >= SCHEDULES_LATE_CUTOFF_FROM_MS)
    return LATE_CUTOFF_MINUTES;
  return CUTOFF_MINUTES;
}

/** `day` is a UTC midnight standing for a New York calendar day. */
function isBusinessDay(day: number): boolean {
  const weekday = new Date(day).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !federalHolidays(new Date(day).getUTCFullYear()).has(day);
}

const holidaysByYear = new Map<number, ReadonlySet<number>>();

/**
 * The US federal holidays of `year` as observed (5 U.S.C. 6103: one on a Saturday is observed
 * the Friday before, one on a Sunday the Monday after), as UTC midnights. Juneteenth from 2021.
 * New Year's Day of the next year observed on 31 December counts in this year.
 */
function federalHolidays(year: number): ReadonlySet<number> {
  let days = holidaysByYear.get(year);
  if (!days) {
    const fixed = [
      [year, 0, 1],
      [year + 1, 0, 1], // observed on 31 December when it falls on a Saturday
      [year, 6, 4],
      [year, 10, 11],
      [year, 11, 25],
      ...(year >= 2021 ? [[year, 5, 19]] : []),
    ].map(([y, m, d]) => observed(Date.UTC(y, m, d)));
    const floating = [
      nthWeekday(year, 0, 1, 3), // Martin Luther King Jr. Day: third Monday of January
      nthWeekday(year, 1, 1, 3), // Washington's Birthday: third Monday of February
      lastWeekday(year, 4, 1), // Memorial Day: last Monday of May
      nthWeekday(year, 8, 1, 1), // Labor Day: first Monday of September
      nthWeekday(year, 9, 1, 2), // Columbus Day: second Monday of October
      nthWeekday(year, 10, 4, 4), // Thanksgiving: fourth Thursday of November
    ];
    days = new Set([...fixed, ...floating]);
    holidaysByYear.set(year, days);
  }
  return days;
}

function observed(day: number): number {
  const weekday = new Date(day).getUTCDay();
  if (weekday === 6) return day - DAY_MS;
  if (weekday === 0) return day + DAY_MS;
  return day;
}

function nthWeekday(year: number, month: number, weekday: number, n: number) {
  const first = Date.UTC(year, month, 1);
  const offset = (weekday - new Date(first).getUTCDay() + 7) % 7;
  return first + (offset + (n - 1) * 7) * DAY_MS;
}

function lastWeekday(year: number, month: number, weekday: number) {
  const last = Date.UTC(year, month + 1, 0);
  const offset = (new Date(last).getUTCDay() - weekday + 7) % 7;
  return last - offset * DAY_MS;
}
