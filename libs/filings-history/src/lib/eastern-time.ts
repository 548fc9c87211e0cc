/** EDGAR's clock: filings are accepted, dated and listed in New York time. */
export const EDGAR_TIME_ZONE = 'America/New_York';

// One formatter for the life of the process: building an Intl formatter costs far more than
// using one.
const wallClock = new Intl.DateTimeFormat('en-US', {
  timeZone: EDGAR_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Milliseconds New York wall-clock time is ahead of UTC at the instant `ms` (negative). */
function offsetAt(ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const part: Record<string, number> = {};
  for (const { type, value } of wallClock.formatToParts(whole)) {
    part[type] = Number(value);
  }
  const wall = Date.UTC(
    part['year'],
    part['month'] - 1,
    part['day'],
    part['hour'],
    part['minute'],
    part['second'],
  );
  return wall - whole;
}

/**
 * The instant at which New York wall-clock time reads `wallMs` (the wall time written as if it
 * were UTC, e.g. `Date.UTC(2025, 2, 10)` for midnight of 10 March 2025 in New York).
 *
 * Follows daylight saving time. A wall time inside the spring-forward gap (which no clock in
 * New York showed) is read with the summer offset, so 02:30 is 01:30 EST; one in the repeated
 * autumn hour maps to its first occurrence. Midnight, the
 * edge of a bare date, is never in either (New York switches at 02:00).
 *
 * @example
 * easternWallTimeToMs(Date.UTC(2025, 0, 2)); // Date.parse('2025-01-02T00:00:00-05:00')
 */
export function easternWallTimeToMs(wallMs: number): number {
  const guess = wallMs - offsetAt(wallMs);
  return wallMs - offsetAt(guess);
}
