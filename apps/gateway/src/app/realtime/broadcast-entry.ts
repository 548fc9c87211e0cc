import { STREAM_FIELDS } from '@secfeed/dedup';
import type { MatchableFiling } from '@secfeed/filing-model';

/**
 * One stream entry prepared for fan-out: parsed once for matching, serialized once for every
 * subscriber. `frame` is a Buffer so that `ws` does not encode the string again per client.
 */
export interface BroadcastEntry {
  /** The stream entry ID: the filing's `position`. */
  readonly id: string;
  /** The fields matching reads. */
  readonly filing: MatchableFiling;
  /** The whole `sec_filing` message, UTF-8. */
  readonly frame: Buffer;
}

export type ToBroadcastEntryResult =
  | { readonly ok: true; readonly entry: BroadcastEntry }
  | { readonly ok: false; readonly reason: string };

/**
 * Builds the `sec_filing` message of a stream entry written by `@secfeed/dedup`:
 * `{"type":"sec_filing","position":"<id>","data":<stored JSON>}`. The stored JSON is spliced in
 * as is (it parsed, so it is valid JSON): the filing is never stringified again.
 * Refuses an entry without `data`, with data that is not JSON, or that lacks the string fields
 * `ticker`, `cik` and `formType`. Never throws.
 *
 * @example
 * ```ts
 * const built = toBroadcastEntry(entry.id, entry.fields);
 * if (built.ok) ws.send(built.entry.frame, { binary: false });
 * ```
 */
export function toBroadcastEntry(
  id: string,
  fields: Readonly<Record<string, string>>,
): ToBroadcastEntryResult {
  const data = fields[STREAM_FIELDS.data];
  if (typeof data !== 'string') {
    return { ok: false, reason: `entry ${id} has no ${STREAM_FIELDS.data}` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return { ok: false, reason: `entry ${id} has data that is not JSON` };
  }
  if (!isMatchable(parsed)) {
    return {
      ok: false,
      reason: `entry ${id} lacks a string ticker, cik or formType`,
    };
  }
  const { ticker, cik, formType } = parsed;
  const frame = Buffer.from(
    `{"type":"sec_filing","position":"${id}","data":${data}}`,
  );
  return { ok: true, entry: { id, filing: { ticker, cik, formType }, frame } };
}

function isMatchable(value: unknown): value is MatchableFiling {
  if (typeof value !== 'object' || value === null) return false;
  const { ticker, cik, formType } = value as Record<string, unknown>;
  return (
    typeof ticker === 'string' &&
    typeof cik === 'string' &&
    typeof formType === 'string'
  );
}
