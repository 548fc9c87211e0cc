// One formatter for the process: building an Intl.DateTimeFormat is far slower than using one.
const EASTERN = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});

/**
 * `ms` as EDGAR and sec-api.io write an acceptance time: ISO 8601 to the second, in New York
 * time with its offset of that instant (`-05:00` in winter, `-04:00` in summer). Milliseconds
 * are dropped, as upstream does. No date library: the runtime's ICU data knows the DST rules.
 *
 * @example
 * ```ts
 * easternIsoString(Date.parse('2026-11-24T14:15:02.250Z')); // '2026-11-24T09:15:02-05:00'
 * ```
 */
export function easternIsoString(ms: number): string {
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of EASTERN.formatToParts(ms)) part[type] = value;
  // 'GMT-05:00'; a zero offset would be plain 'GMT' (never in New York, but be exact).
  const offset = part.timeZoneName?.slice(3) || '+00:00';
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}${offset}`;
}
