import type { SecfeedRedis } from '@secfeed/service-runtime';
import type { RedisKeys } from '@secfeed/redis-keys';
import { IndexEntry } from './index-entry';
import { loadDocuments } from './load-documents';
import { readIndexBatch } from './read-index-batch';
import { ScanPlan } from './scan-plan';

/** One page: the stored documents in listing order, and where the next page starts. */
export interface FilingsPage {
  readonly documents: readonly string[];
  /** `null` when nothing matching remains. */
  readonly next: IndexEntry | null;
}

/** Everything {@link findFilings} needs besides the plan. */
export interface FindFilingsOptions {
  readonly redis: SecfeedRedis;
  readonly keys: RedisKeys;
  readonly after: IndexEntry | undefined;
  readonly limit: number;
  /** Test of a loaded document; unused when the plan is exact. */
  readonly matches: (document: string) => boolean;
  /** Most index entries one request examines. */
  readonly maxScan: number;
}

/** Smallest batch when documents are checked in the app: a round trip is worth ~100 entries. */
const MIN_FILTERED_BATCH = 100;

/**
 * Walks the plan's sets from the cursor, loading documents batch by batch (ZRANGE, then
 * MGET: two round trips a batch), until it holds `limit + 1` matches, the sets run out, or
 * `maxScan` entries were examined.
 *
 * `next` is the last filing listed when a further match exists, `null` when the sets ran
 * out, and the last entry examined when the bound was hit: the page may then be short (even
 * empty) and the next request continues the scan where this one stopped.
 */
export async function findFilings(
  plan: ScanPlan,
  options: FindFilingsOptions,
): Promise<FilingsPage> {
  const { redis, keys, limit, maxScan } = options;
  const matches = (document: string | null): document is string =>
    document !== null && (plan.exact || options.matches(document));
  const found: { document: string; entry: IndexEntry }[] = [];
  let position = options.after;
  let scanned = 0;
  while (scanned < maxScan) {
    const wanted = limit + 1 - found.length;
    const count = Math.min(
      maxScan - scanned,
      plan.exact ? wanted : Math.max(MIN_FILTERED_BATCH, wanted * 4),
    );
    const batch = await readIndexBatch(redis, plan, position, count);
    const documents = await loadDocuments(redis, keys, batch.entries);
    for (const [i, entry] of batch.entries.entries()) {
      if (scanned === maxScan) break;
      scanned += 1;
      position = entry;
      const document = documents[i];
      if (matches(document)) found.push({ document, entry });
      if (found.length > limit)
        return page(found.slice(0, limit), found[limit - 1].entry);
    }
    const consumedAll = position === batch.entries.at(-1);
    if (batch.exhausted && (batch.entries.length === 0 || consumedAll)) {
      return page(found, null);
    }
  }
  return page(found, position ?? null);
}

function page(
  found: readonly { document: string; entry: IndexEntry }[],
  next: IndexEntry | null,
): FilingsPage {
  return { documents: found.map((match) => match.document), next };
}
