import { easternIsoString } from '@secfeed/filing-model';
import { INSIGHTS_LIMITS } from './insights-limits';

const ACCEPTANCE =
  /<ACCEPTANCE-DATETIME>[ \t]*(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/;
const HOUR_MS = 3_600_000;

/**
 * The `ACCEPTANCE-DATETIME` of an SGML header (`20240315163012`, New York wall time) as ISO 8601
 * with the Eastern offset of that instant, the way sec-api.io writes `filedAt`
 * (`2024-03-15T16:30:12-04:00`), using filing-model's `easternIsoString`. Null when the header
 * has none or it is no real time (including the hour skipped when clocks spring forward; in the
 * hour repeated in autumn the first, daylight-time, instant is taken). Reads at most
 * `INSIGHTS_LIMITS.headerChars` characters. Never throws.
 *
 * @example
 * ```ts
 * acceptanceDateTimeFromHeader('<ACCEPTANCE-DATETIME>20250318200108'); // '2025-03-18T20:01:08-04:00'
 * ```
 */
export function acceptanceDateTimeFromHeader(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = ACCEPTANCE.exec(header.slice(0, INSIGHTS_LIMITS.headerChars));
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const wall = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}`;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (!Number.isFinite(asUtc)) return null;
  // New York is UTC-4 (EDT) or UTC-5 (EST): the offset whose instant reads back as this wall time.
  for (const hoursBehind of [4, 5]) {
    const iso = easternIsoString(asUtc + hoursBehind * HOUR_MS);
    if (iso.startsWith(wall)) return iso;
  }
  return null;
}
