import { DedupError } from './dedup-error';

/** Field names of every entry the publisher appends to the stream. */
export const STREAM_FIELDS = Object.freeze({
  /** The accession number, so that readers can skip or route without parsing `data`. */
  accessionNo: 'accessionNo',
  /** `JSON.stringify` of the whole filing given to the publisher. */
  data: 'data',
} as const);

/** A decoded stream entry. `filing` is parsed JSON: validate it before trusting its shape. */
export interface DecodedStreamEntry {
  readonly accessionNo: string;
  readonly filing: unknown;
}

/**
 * Decodes the fields of one stream entry written by the publisher, as node-redis returns them
 * from `xRead`/`xRange` (`message`).
 *
 * @throws DedupError `MALFORMED_STREAM_ENTRY` when a field is missing or `data` is not JSON.
 * @example
 * const [entry] = await client.xRange(keys.stream, position, position);
 * const { accessionNo, filing } = decodeStreamEntry(entry.message);
 */
export function decodeStreamEntry(
  fields: Readonly<Record<string, string>>,
): DecodedStreamEntry {
  const accessionNo = fields[STREAM_FIELDS.accessionNo];
  const data = fields[STREAM_FIELDS.data];
  if (typeof accessionNo !== 'string' || typeof data !== 'string') {
    throw new DedupError(
      'MALFORMED_STREAM_ENTRY',
      'stream entry lacks accessionNo or data',
    );
  }
  try {
    return { accessionNo, filing: JSON.parse(data) as unknown };
  } catch {
    throw new DedupError(
      'MALFORMED_STREAM_ENTRY',
      `stream entry ${accessionNo} has data that is not JSON`,
    );
  }
}
