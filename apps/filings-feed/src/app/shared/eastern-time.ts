const EASTERN = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
  timeZoneName: 'short',
});

const EASTERN_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * An instant as EDGAR's clock shows it, in US Eastern time with EST/EDT:
 * `Jan 2, 09:30:01 EST`.
 */
export function formatEastern(ms: number): string {
  return Number.isFinite(ms) ? EASTERN.format(ms) : '';
}

/** The Eastern calendar day of an instant, `YYYY-MM-DD` (the day EDGAR files it under). */
export function easternDate(ms: number): string {
  return Number.isFinite(ms) ? EASTERN_DATE.format(ms) : '';
}

/**
 * A short age: `now`, `42s ago`, `5m ago`, `3h ago`, `2d ago`. Future instants (clock skew)
 * read as `now`.
 */
export function relativeAge(ms: number, now: number): string {
  const seconds = Math.floor((now - ms) / 1000);
  if (!Number.isFinite(seconds) || seconds < 5) return 'now';
  if (seconds < 60) return `${seconds}s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ago`;
  return `${Math.floor(hours / 24)}d ago`;
}
