import type { IngestReject } from '../source-event';

/** Whole-line rejects keep this much of the line. */
const PREVIEW_CHARS = 1024;

/** One line of the day: a filing object to replay, or why it cannot be. */
export type ReplayEntry =
  { readonly raw: Record<string, unknown> } | { readonly reject: IngestReject };

/** The entries due together, `atMs` after the start of a lap. */
export interface ReplayGroup {
  readonly atMs: number;
  readonly entries: ReplayEntry[];
}

/**
 * When each line of the day is due: line i at `(t_i - t_0) / speed` ms after the start, whole
 * ms, where t is the line's original `filedAt` and t_0 the first valid one. Lines due in the
 * same ms form one group (one `filings` event). Time never runs backwards: a line filed before
 * the one above it is due with it. A line that cannot be scheduled (not JSON, not an object,
 * `filedAt` not a date) is kept as a reject, due with the line above it.
 */
export function replaySchedule(
  lines: readonly string[],
  speed: number,
): ReplayGroup[] {
  const groups: ReplayGroup[] = [];
  let t0: number | undefined;
  let atMs = 0;
  for (const line of lines) {
    const entry = parseLine(line);
    if ('filedAtMs' in entry) {
      t0 ??= entry.filedAtMs;
      atMs = Math.max(atMs, Math.floor((entry.filedAtMs - t0) / speed));
    }
    const last = groups[groups.length - 1];
    const item: ReplayEntry = 'raw' in entry ? { raw: entry.raw } : entry;
    if (last?.atMs === atMs) last.entries.push(item);
    else groups.push({ atMs, entries: [item] });
  }
  return groups;
}

type ParsedLine =
  | { readonly raw: Record<string, unknown>; readonly filedAtMs: number }
  | { readonly reject: IngestReject };

function parseLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return reject(
      'LINE_NOT_JSON',
      line.slice(0, PREVIEW_CHARS),
      '',
      'not JSON',
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject('ELEMENT_NOT_OBJECT', value, '', 'must be an object');
  }
  const raw = value as Record<string, unknown>;
  const filedAtMs =
    typeof raw['filedAt'] === 'string' ? Date.parse(raw['filedAt']) : NaN;
  if (Number.isNaN(filedAtMs)) {
    return reject(
      'ELEMENT_INVALID',
      raw,
      'filedAt',
      'must be an ISO 8601 date-time',
    );
  }
  return { raw, filedAtMs };
}

function reject(
  code: string,
  raw: unknown,
  field: string,
  reason: string,
): ParsedLine {
  return {
    reject: { code, source: 'replay', raw, reasons: [{ field, reason }] },
  };
}
