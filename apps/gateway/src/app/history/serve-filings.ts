import { createFilingPredicate } from './filing-predicate';
import { findFilings } from './find-filings';
import { encodeHistoryCursor } from './history-cursor';
import { HistoryContext } from './history-context';
import { parseHistoryQuery } from './parse-history-query';
import { planScan } from './scan-plan';

/**
 * `GET /api/filings`: validates the query, reads the page from Redis and returns the body
 * `{"filings":[...],"next":CURSOR|null}` with each filing exactly as stored.
 *
 * @throws HistoryError for a bad query (before any Redis call); the Redis error as is.
 */
export async function serveFilings(
  context: HistoryContext,
  search: string,
): Promise<string> {
  const query = parseHistoryQuery(search, context.ignoredParameters);
  const plan = planScan(
    query,
    context.keys,
    context.now() - context.retentionMs,
  );
  const page = await findFilings(plan, {
    redis: context.redis,
    keys: context.keys,
    after: query.cursor,
    limit: query.limit,
    matches: createFilingPredicate(query),
    maxScan: context.maxScanEntries,
  });
  const next =
    page.next === null ? 'null' : `"${encodeHistoryCursor(page.next)}"`;
  return `{"filings":[${page.documents.join(',')}],"next":${next}}`;
}
