import {
  decodeStreamEntryDocument,
  STREAM_FIELDS,
  type StoredFormatErrorCode,
} from '@secfeed/filing-model/stored';
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
 * `{"type":"sec_filing","position":"<id>","data":<stored JSON>}`, decoded with the stored
 * format's own decoder (one parse per entry, never per client). The stored JSON is spliced in
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
  const decoded = decodeStreamEntryDocument(fields);
  if (!decoded.ok) {
    return { ok: false, reason: `entry ${id} ${refusal(decoded.error.code)}` };
  }
  const { data, filing } = decoded.value;
  const { ticker, cik, formType } = filing;
  if (ticker === undefined || cik === undefined || formType === undefined) {
    return { ok: false, reason: `entry ${id} ${LACKS}` };
  }
  const frame = Buffer.from(
    `{"type":"sec_filing","position":"${id}","data":${data}}`,
  );
  return { ok: true, entry: { id, filing: { ticker, cik, formType }, frame } };
}

const LACKS = 'lacks a string ticker, cik or formType';

function refusal(code: StoredFormatErrorCode): string {
  if (code === 'MISSING_FIELD') return `has no ${STREAM_FIELDS.data}`;
  if (code === 'NOT_JSON') return 'has data that is not JSON';
  return LACKS;
}
