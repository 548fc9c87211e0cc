import { easternIsoString } from '@secfeed/filing-model';

const HOUR_MS = 3_600_000;

/**
 * 00:00 in New York on `date` (`YYYY-MM-DD`), ISO 8601 with that instant's offset:
 * `2020-03-18T00:00:00-04:00`, `2020-01-03T00:00:00-05:00`.
 */
export function easternMidnight(date: string): string {
  const utc = Date.parse(`${date}T00:00:00Z`);
  for (const hoursBehind of [4, 5]) {
    const iso = easternIsoString(utc + hoursBehind * HOUR_MS);
    if (iso.startsWith(`${date}T00:00:00`)) return iso;
  }
  return easternIsoString(utc + 5 * HOUR_MS);
}
