import {
  storedFormatError,
  type StoredDecodeResult,
} from './stored-decode-result';
import { decodeStoredFiling, type StoredFiling } from './stored-filing';

/** Field names of every entry the publisher appends to the stream. */
export const STREAM_FIELDS = Object.freeze({
  /** The accession number, so that readers can skip or route without parsing `data`. */
  accessionNo: 'accessionNo',
  /**
   * What the entry is: absent on a filing entry (as every filing entry was written before
   * insights existed), `insights` on the entry that carries what a filing's documents say.
   */
  kind: 'kind',
  /**
   * The stored document: `JSON.stringify` of the whole filing given to the publisher; on an
   * insights entry, of the whole filing with its `insights` set.
   */
  data: 'data',
} as const);

/** The `kind` field's value on an insights entry. */
export const INSIGHTS_KIND = 'insights';

/** What a stream entry is: a filing (no `kind` field) or the insights of one (`kind=insights`). */
export type StreamEntryKind = 'filing' | typeof INSIGHTS_KIND;

/** The fields of one stream entry, as node-redis returns them (`message`) and XADD takes them. */
export type StreamEntryFields = Readonly<Record<string, string>>;

/** The stored document of a filing entry: its text as stored, and the document read. */
export interface FilingEntryDocument {
  readonly kind: 'filing';
  /** The `data` field as stored: valid JSON, so it can be spliced into a message unchanged. */
  readonly data: string;
  readonly filing: StoredFiling;
}

/**
 * The stored document of an insights entry: the filing with its `insights` set, and the
 * insights object alone (the same object as `filing.document.insights`).
 */
export interface InsightsEntryDocument {
  readonly kind: typeof INSIGHTS_KIND;
  /** The `data` field as stored: valid JSON, the whole filing with its `insights`. */
  readonly data: string;
  readonly filing: StoredFiling;
  /** `filing.document.insights`, always a JSON object here; its fields are not checked. */
  readonly insights: Readonly<Record<string, unknown>>;
  /** The entry's `accessionNo` field (an insights entry always has one). */
  readonly accessionNo: string;
}

/** The stored document of a stream entry, by kind. */
export type StreamEntryDocument = FilingEntryDocument | InsightsEntryDocument;

/** A decoded stream entry, by kind. */
export type DecodedStreamEntry = StreamEntryDocument & {
  readonly accessionNo: string;
};

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
 * The fields of the insights entry of `filing` (what the insights publish script appends): the
 * accession number, `kind=insights`, and the whole filing with its `insights` as `data`.
 *
 * @example
 * encodeInsightsEntry({ accessionNo: '0000320193-25-000079', insights: { items: [] } });
 * // { accessionNo: '0000320193-25-000079', kind: 'insights',
 * //   data: '{"accessionNo":"0000320193-25-000079","insights":{"items":[]}}' }
 */
export function encodeInsightsEntry(filing: {
  readonly accessionNo: string;
  readonly insights: object;
}): StreamEntryFields {
  return {
    [STREAM_FIELDS.accessionNo]: filing.accessionNo,
    [STREAM_FIELDS.kind]: INSIGHTS_KIND,
    [STREAM_FIELDS.data]: JSON.stringify(filing),
  };
}

/**
 * Decodes the fields of one stream entry the publisher wrote, filing or insights. Never throws.
 *
 * @returns the entry with its `kind`, or `MISSING_FIELD` (no `accessionNo` or `data`; an
 *   insights entry whose document has no `insights` object), `UNKNOWN_KIND` (a `kind` this
 *   reader does not know: skip the entry), `NOT_JSON`, `NOT_AN_OBJECT` (from the document).
 * @example
 * const [entry] = await client.xRange(keys.stream, position, position);
 * const decoded = decodeStreamEntry(entry.message);
 * if (decoded.ok && decoded.value.kind === 'filing') console.log(decoded.value.filing.formType);
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
    ? { ok: true, value: { ...document.value, accessionNo } }
    : document;
}

/**
 * Decodes the stored document of a stream entry, for readers that need little else (the
 * gateway's fan-out, which forwards the document and routes by its fields). Never throws.
 *
 * @returns the document with its `kind`, or `MISSING_FIELD` (no `data`; an insights entry
 *   without `accessionNo` or whose document has no `insights` object), `UNKNOWN_KIND`,
 *   `NOT_JSON`, `NOT_AN_OBJECT`.
 */
export function decodeStreamEntryDocument(
  fields: StreamEntryFields,
): StoredDecodeResult<StreamEntryDocument> {
  const kind = streamEntryKind(fields);
  if (kind === undefined) {
    return storedFormatError(
      'UNKNOWN_KIND',
      `stream entry has an unknown ${STREAM_FIELDS.kind}`,
    );
  }
  const data = fields[STREAM_FIELDS.data];
  if (typeof data !== 'string') {
    return storedFormatError(
      'MISSING_FIELD',
      `stream entry has no ${STREAM_FIELDS.data}`,
    );
  }
  const filing = decodeStoredFiling(data);
  if (!filing.ok) return filing;
  if (kind === 'filing') {
    return { ok: true, value: { kind, data, filing: filing.value } };
  }
  const accessionNo = fields[STREAM_FIELDS.accessionNo];
  const insights = filing.value.insights;
  if (typeof accessionNo !== 'string' || insights === undefined) {
    return storedFormatError(
      'MISSING_FIELD',
      `insights entry has no ${typeof accessionNo !== 'string' ? STREAM_FIELDS.accessionNo : 'insights object in its data'}`,
    );
  }
  return {
    ok: true,
    value: { kind, data, filing: filing.value, insights, accessionNo },
  };
}

/**
 * The kind of a stream entry from its `kind` field alone, without parsing `data` (readers that
 * look only for filings, such as ingest's lost-write check); undefined for a kind unknown here.
 */
export function streamEntryKind(
  fields: StreamEntryFields,
): StreamEntryKind | undefined {
  const kind = fields[STREAM_FIELDS.kind];
  if (kind === undefined || kind === 'filing') return 'filing';
  return kind === INSIGHTS_KIND ? INSIGHTS_KIND : undefined;
}
