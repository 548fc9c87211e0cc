/**
 * The stored filing format, for every reader and the writer: the fields of a stream entry (a
 * filing, or the insights of one), the history index member and the stored document. `@secfeed/dedup` writes it; the gateway, ingest
 * and the dashboard read it through these decoders. No class-validator and nothing of Node, so
 * the browser may load it.
 */
export {
  decodeStreamEntry,
  decodeStreamEntryDocument,
  encodeInsightsEntry,
  encodeStreamEntry,
  INSIGHTS_KIND,
  STREAM_FIELDS,
  streamEntryKind,
} from './lib/stored/stream-entry';
export type {
  DecodedStreamEntry,
  FilingEntryDocument,
  InsightsEntryDocument,
  StreamEntryDocument,
  StreamEntryFields,
  StreamEntryKind,
} from './lib/stored/stream-entry';
export {
  decodeIndexMember,
  encodeIndexMember,
} from './lib/stored/index-member';
export type { IndexMember } from './lib/stored/index-member';
export { decodeStoredFiling, toStoredFiling } from './lib/stored/stored-filing';
export type { StoredFiling } from './lib/stored/stored-filing';
export type {
  StoredDecodeResult,
  StoredFormatError,
  StoredFormatErrorCode,
} from './lib/stored/stored-decode-result';
