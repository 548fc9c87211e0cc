import {
  decodeStreamEntry as decodeStoredStreamEntry,
  STREAM_FIELDS,
} from '@secfeed/filing-model/stored';
import { DedupError } from './dedup-error';

// The format itself is owned by @secfeed/filing-model/stored (one codec for the publisher and
// every reader, the browser included); the publisher writes it with `encodeStreamEntry`.
export { STREAM_FIELDS };

/**
 * A decoded stream entry. `filing` is the parsed document (on an insights entry, the filing with
 * its `insights`): validate it before trusting its shape.
 */
export interface DecodedStreamEntry {
  readonly accessionNo: string;
  /** `filing`, or `insights` for the entry that carries what a filing's documents say. */
  readonly kind: 'filing' | 'insights';
  readonly filing: unknown;
}

/**
 * Decodes one entry this publisher wrote, for callers that hold only such entries (tests, tools):
 * `decodeStreamEntry` of `@secfeed/filing-model/stored`, which readers of live data use (it
 * answers a coded result instead of throwing), with a failure thrown.
 *
 * @throws DedupError `MALFORMED_STREAM_ENTRY` when a field is missing or `data` is not a JSON
 *   object.
 * @example
 * const [entry] = await client.xRange(keys.stream, position, position);
 * const { accessionNo, filing } = decodeStreamEntry(entry.message);
 */
export function decodeStreamEntry(
  fields: Readonly<Record<string, string>>,
): DecodedStreamEntry {
  const decoded = decodeStoredStreamEntry(fields);
  if (!decoded.ok) {
    throw new DedupError('MALFORMED_STREAM_ENTRY', decoded.error.message);
  }
  const { accessionNo, kind, filing } = decoded.value;
  return { accessionNo, kind, filing: filing.document };
}
