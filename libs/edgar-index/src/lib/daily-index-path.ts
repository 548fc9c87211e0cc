const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The three daily indexes EDGAR publishes for a business day. */
export type EdgarIndexKind = 'form' | 'company' | 'master';

/**
 * The path of a daily index in EDGAR's archive, to put after `EDGAR_ARCHIVES_URL`:
 * `/Archives/edgar/daily-index/YYYY/QTRn/<kind>.YYYYMMDD.idx`.
 *
 * @param date - `YYYY-MM-DD`, a real calendar date.
 * @throws RangeError for anything else (validate user input with {@link isIndexDate} first).
 * @example
 * dailyIndexPath('2020-03-18'); // '/Archives/edgar/daily-index/2020/QTR1/form.20200318.idx'
 */
export function dailyIndexPath(
  date: string,
  kind: EdgarIndexKind = 'form',
): string {
  if (!isIndexDate(date))
    throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [year, month, day] = date.split('-');
  const quarter = Math.floor((Number(month) - 1) / 3) + 1;
  return `/Archives/edgar/daily-index/${year}/QTR${quarter}/${kind}.${year}${month}${day}.idx`;
}

/** True for a real calendar date written `YYYY-MM-DD` from 1993 (EDGAR's first indexes) to 9999. */
export function isIndexDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (year < 1993) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
