const EASTERN = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});
const DAY_MS = 86_400_000;

/** When and how far back the schedule reconciles; see {@link scheduledDates}. */
export interface ScheduleOptions {
  /** Hour of the evening, New York time, from which a business day's index is looked for. Default 22. */
  readonly eveningHour: number;
  /** Earlier business days still looked at (an index late, a restart, a holiday). Default 3. */
  readonly lookbackDays: number;
}

export const SCHEDULE_DEFAULTS: ScheduleOptions = Object.freeze({
  eveningHour: 22,
  lookbackDays: 3,
});

/**
 * The business days (Monday to Friday, New York time) whose daily index the schedule wants at
 * `nowMs`, newest first: today once it is `eveningHour` or later in New York, and the
 * `lookbackDays` business days before. A holiday is in the list too: its index never comes, so
 * it is asked for until it leaves the look-back.
 *
 * @example
 * scheduledDates(Date.parse('2020-03-19T03:00:00Z'), SCHEDULE_DEFAULTS); // 23:00 on Wed 18 March
 * // ['2020-03-18', '2020-03-17', '2020-03-16', '2020-03-13']
 */
export function scheduledDates(
  nowMs: number,
  options: ScheduleOptions = SCHEDULE_DEFAULTS,
): string[] {
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of EASTERN.formatToParts(nowMs))
    part[type] = value;
  const today = Date.UTC(
    Number(part.year),
    Number(part.month) - 1,
    Number(part.day),
  );
  const dates: string[] = [];
  if (isWeekday(today) && Number(part.hour) >= options.eveningHour)
    dates.push(isoDate(today));
  for (
    let day = today - DAY_MS, found = 0;
    found < options.lookbackDays;
    day -= DAY_MS
  ) {
    if (!isWeekday(day)) continue;
    dates.push(isoDate(day));
    found++;
  }
  return dates;
}

function isWeekday(utcMidnight: number): boolean {
  const weekday = new Date(utcMidnight).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

function isoDate(utcMidnight: number): string {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}
