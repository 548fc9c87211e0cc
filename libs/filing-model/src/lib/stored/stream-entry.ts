import {
  storedFormatError,
  type StoredDecodeResult,
} from './stored-decode-result';
import { decodeStoredFiling, type StoredFiling } from './stored-filing';

/** Field names of every entry the publisher appends to the stream. */
export const STREAM_FIELDS = Object.freeze({
  /** The accession number, so that readers can skip or route without parsing `data`. */
  accessionNo: 'accessionNo',
  /** The stored document: `JSON.stringify` of the whole filing given to the publisher. */
  data: 'data',
} as const);

/** The fields of one stream entry, as node-redis returns them (`message`) and XADD takes them. */
export type StreamEntryFields = Readonly<Record<string, string>>;

/** The stored document of a stream entry: its text as stored, and the document read. */
export interface StreamEntryDocument {
  /** The `data` field as stored: valid JSON, so it can be spliced into a message unchanged. */
  readonly data: string;
  readonly filing: StoredFiling;
}

/** A decoded stream entry. */
export interface DecodedStreamEntry extends StreamEntryDocument {
  readonly accessionNo: string;
}

/**
 * The fields of the stream entry of `filing` (what the publish script appends).
 *
 * @example
 * encodeStreamEntry({ accessionNo: '0000320193-25-000079', ticker: 'AAPL' });
 * // { accessionNo: '0000320193-25-000079', data: '{"accessionNo":"0000320193-25-000079","ticker":"AAPL"}' }
 */
export function encodeStreamEntry(filing: {
  readonly accessionNo: string;
}): StreamEntryFields {
  return {
    [STREAM_FIELDS.accessionNo]: filing.accessionNo,
    [STREAM_FIELDS.data]: JSON.stringify(filing),
  };
}

/**
 * Decodes the fields of one stream entry the publisher wrote. Never throws.
 *
 * @returns the entry, or `MISSING_FIELD` (no `accessionNo` or `data`), `NOT_JSON`,
 *   `NOT_AN_OBJECT` (from the document).
 * @example
 * const [entry] = await client.xRange(keys.stream, position, position);
 * const decoded = decodeStreamEntry(entry.message);
 * if (decoded.ok) console.log(decoded.value.accessionNo, decoded.value.filing.formType);
 */
export function decodeStreamEntry(
  fields: StreamEntryFields,
): StoredDecodeResult<DecodedStreamEntry> {
  const accessionNo = fields[STREAM_FIELDS.accessionNo];
  if (typeof accessionNo !== 'string') {
    return storedFormatError(
      'MISSING_FIELD',
      `stream entry has no ${STREAM_FIELDS.accessionNo}`,
    );
  }
  const document = decodeStreamEntryDocument(fields);
  return document.ok
    ? { ok: true, value: { accessionNo, ...document.value } }
    : document;
}

/**
 * Decodes the stored document of a stream entry alone, for readers that need nothing else (the
 * gateway's fan-out, which forwards the document and routes by its fields). Never throws.
 *
 * @returns the document, or `MISSING_FIELD` (no `data`), `NOT_JSON`, `NOT_AN_OBJECT`.
 */
export function decodeStreamEntryDocument(
  fields: StreamEntryFields,
): StoredDecodeResult<StreamEntryDocument> {
  const data = fields[STREAM_FIELDS.data];
  if (typeof data !== 'string') {
    return storedFormatError(
      'MISSING_FIELD',
      `stream entry has no ${STREAM_FIELDS.data}`,
    );
  }
  const filing = decodeStoredFiling(data);
  return filing.ok
    ? { ok: true, value: { data, filing: filing.value } }
    : filing;
}
