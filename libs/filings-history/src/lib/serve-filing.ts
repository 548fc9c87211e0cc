import { decodeStoredFiling } from '@secfeed/filing-model/stored';
import { HistoryError } from './history-error';
import { HistoryContext } from './history-context';

/** The accession number format of every filing (`Filing.accessionNo`). */
const ACCESSION_NO = /^\d{10}-\d{2}-\d{6}$/;

/**
 * `GET /api/filings/:accessionNo`: the stored document, byte for byte.
 *
 * @param segment - the path segment as received (percent-encoded).
 * @throws HistoryError `INVALID_ACCESSION_NO` for a malformed number, `UNKNOWN_PARAMETER` for
 *   any query parameter not in `ignoredParameters`, `NOT_FOUND` when no document is stored
 *   (never published, or expired) or it was filed before the retention; the Redis error as is.
 */
export async function serveFiling(
  context: HistoryContext,
  segment: string,
  search: string,
): Promise<string> {
  const accessionNo = decodeSegment(segment);
  if (!ACCESSION_NO.test(accessionNo)) {
    throw new HistoryError(
      'INVALID_ACCESSION_NO',
      'the accession number must look like 0000320193-25-000079',
    );
  }
  for (const name of new URLSearchParams(search).keys()) {
    if (!context.ignoredParameters.has(name)) {
      throw new HistoryError(
        'UNKNOWN_PARAMETER',
        `${JSON.stringify(name.slice(0, 40))} is not a parameter of this request`,
      );
    }
  }
  const document = await context.redis.get(context.keys.filing(accessionNo));
  const cutoffMs = context.now() - context.retentionMs;
  if (document === null || filedAtMs(document) < cutoffMs) {
    throw new HistoryError('NOT_FOUND', `no filing ${accessionNo}`);
  }
  return document;
}

/**
 * `filedAtMs` of a stored filing, so that a late filing filed before the retention is not
 * served here either, as the listing does not serve it; `Infinity` (served) when unreadable.
 */
function filedAtMs(document: string): number {
  const stored = decodeStoredFiling(document);
  return (stored.ok ? stored.value.filedAtMs : undefined) ?? Infinity;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
