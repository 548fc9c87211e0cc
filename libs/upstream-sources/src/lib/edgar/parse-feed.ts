import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { IngestReject } from '../source-event';
import { EDGAR_ERROR_CODES } from './edgar-error-codes';
import type { FeedEntry } from './feed-entry';
import { parseFeedEntry } from './parse-feed-entry';

/** The outcome of {@link parseFeed}. */
export type ParsedFeed =
  | {
      readonly ok: true;
      /** The readable entries, in feed order (newest first). */
      readonly entries: FeedEntry[];
      /** Entries that could not be read, coded `EDGAR_ENTRY_INVALID`. */
      readonly rejects: IngestReject[];
    }
  | { readonly ok: false; readonly message: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Keep every value a string: a form `4` or a CIK must not turn into a number.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['entry', 'link', 'category'].includes(name),
});

/**
 * Parses one page of EDGAR's Latest Filings Atom feed with fast-xml-parser. The document is
 * validated first, because the parser alone accepts some broken XML (an unclosed `<entry>`)
 * and would hand back half a feed. Never throws.
 *
 * @returns `ok: false` with a message (line and column) when the text is not well-formed XML
 *   or not an Atom `<feed>`; otherwise the entries and the rejects of unreadable entries.
 */
export function parseFeed(text: string): ParsedFeed {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    return {
      ok: false,
      message: `not well-formed XML at ${line}:${col}: ${msg}`,
    };
  }
  let document: Record<string, unknown>;
  try {
    document = parser.parse(text) as Record<string, unknown>;
  } catch (err) {
    return { ok: false, message: `not parseable: ${(err as Error).message}` };
  }
  const feed = document['feed'];
  if (feed === undefined) {
    return { ok: false, message: 'not an Atom feed: no <feed> root element' };
  }
  const rawEntries =
    typeof feed === 'object' && feed !== null
      ? ((feed as Record<string, unknown>)['entry'] ?? [])
      : [];
  const entries: FeedEntry[] = [];
  const rejects: IngestReject[] = [];
  for (const raw of rawEntries as unknown[]) {
    const result = parseFeedEntry(raw);
    if (result.ok) entries.push(result.entry);
    else {
      rejects.push({
        code: EDGAR_ERROR_CODES.entryInvalid,
        source: 'edgar',
        raw,
        reasons: result.reasons,
      });
    }
  }
  return { ok: true, entries, rejects };
}
