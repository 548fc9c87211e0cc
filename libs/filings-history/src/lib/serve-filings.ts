import { routedCommands } from '@secfeed/service-runtime';
import { newestPosition } from './newest-position';
import { createFilingPredicate } from './filing-predicate';
import { findFilings } from './find-filings';
import { encodeHistoryCursor } from './history-cursor';
import { HistoryContext } from './history-context';
import { parseHistoryQuery } from './parse-history-query';
import { planScan } from './scan-plan';

/** A JSON body as stored, and the headers that go with it. */
export interface HistoryReply {
  readonly body: string;
  readonly headers?: Record<string, string>;
}

/** The header of the newest page naming the stream position it is complete up to. */
export const STREAM_POSITION_HEADER = 'stream-position';

/**
 * `GET /api/filings`: validates the query, reads the page from Redis and returns the body
 * `{"filings":[...],"next":CURSOR|null}` with each filing exactly as stored.
 *
 * The newest page (no cursor) also carries `Stream-Position`: the newest stream position
 * read *before* the page, so every filing at or before it was already indexed (dedup writes
 * the stream entry and the indexes in one script). A client that subscribes with
 * `since` = that position gets every later filing live: history and live meet exactly, by
 * stream position, whatever the filings' `filedAt`.
 *
 * @throws HistoryError for a bad query (before any Redis call); the Redis error as is.
 */
export async function serveFilings(
  context: HistoryContext,
  search: string,
): Promise<HistoryReply> {
  const query = parseHistoryQuery(search, context.ignoredParameters);
  const plan = planScan(
    query,
    context.keys,
    context.now() - context.retentionMs,
  );
  const tip =
    query.cursor === undefined
      ? await newestPosition(
          routedCommands(context.redis, context.keys.stream),
          context.keys.stream,
        )
      : undefined;
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
  return {
    body: `{"filings":[${page.documents.join(',')}],"next":${next}}`,
    headers: tip === undefined ? undefined : { [STREAM_POSITION_HEADER]: tip },
  };
}
