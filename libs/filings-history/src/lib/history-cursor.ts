import { HistoryError } from './history-error';
import { IndexEntry } from './index-entry';

const VERSION = 'v1';
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const PAYLOAD = /^v1\.(-?\d{1,16})\.(\d{16}-\d{10}:\d{10}-\d{2}-\d{6})$/;
/** Far above any cursor we write (about 80 characters), far below anything costly. */
export const MAX_CURSOR_LENGTH = 256;

/**
 * The `next` cursor of a page: the last index entry examined (its `filedAtMs` score and its
 * member), base64url-encoded so that clients treat it as opaque. A keyset, not an offset:
 * the next page starts strictly after this entry in listing order, wherever newer filings
 * have pushed it meanwhile.
 *
 * @example
 * encodeHistoryCursor({ score: 1741613400000, member: '0001741613400123-0000000000:0009999999-25-000001' });
 */
export function encodeHistoryCursor(entry: IndexEntry): string {
  return Buffer.from(`${VERSION}.${entry.score}.${entry.member}`).toString(
    'base64url',
  );
}

/**
 * Reads a cursor written by {@link encodeHistoryCursor}.
 *
 * @throws HistoryError `INVALID_CURSOR` for anything else (truncated, edited, or from another
 *   API), so that a broken cursor never silently restarts the listing.
 */
export function decodeHistoryCursor(text: string): IndexEntry {
  if (text.length > MAX_CURSOR_LENGTH || !BASE64URL.test(text)) throw invalid();
  const bytes = Buffer.from(text, 'base64url');
  // Node ignores trailing garbage bits; a cursor must survive the round trip exactly.
  if (bytes.toString('base64url') !== text) throw invalid();
  const match = PAYLOAD.exec(bytes.toString('utf8'));
  if (!match) throw invalid();
  return { score: Number(match[1]), member: match[2] };
}

function invalid(): HistoryError {
  return new HistoryError(
    'INVALID_CURSOR',
    'cursor must be the "next" value of an earlier page, unchanged',
  );
}
