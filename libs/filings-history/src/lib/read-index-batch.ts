import type { SecfeedRedis } from '@secfeed/service-runtime';
import { IndexEntry, isAfter } from './index-entry';
import { IndexBatch, KeyBatch, mergeIndexBatches } from './merge-index-batches';
import { ScanPlan } from './scan-plan';

/** How much more to ask for when a whole reply was ties already listed. */
const TIE_GROWTH = 4;

/**
 * Reads, from every set of the plan, up to `count` entries strictly after `after` (from the
 * newest when absent), one pipelined round trip for all sets, and merges them.
 *
 * The seek is by score, never by rank or offset: `ZRANGE key <after.score> <min> BYSCORE REV`
 * then drop the entries at `after.score` that are not after `after` (the cursor itself and
 * equal-second filings with newer positions, already listed). Newer filings inserted since the
 * cursor was written sort before it and are never reached; trimmed entries shift nothing. Only
 * when a whole reply is such ties (hundreds in one millisecond) is the set asked again, for more.
 */
export async function readIndexBatch(
  redis: SecfeedRedis,
  plan: ScanPlan,
  after: IndexEntry | undefined,
  count: number,
): Promise<IndexBatch> {
  const batches = await Promise.all(
    plan.keys.map((key) => readKeyAfter(redis, key, plan, after, count)),
  );
  return mergeIndexBatches(batches);
}

async function readKeyAfter(
  redis: SecfeedRedis,
  key: string,
  plan: ScanPlan,
  after: IndexEntry | undefined,
  count: number,
): Promise<KeyBatch> {
  const max = after ? Math.min(after.score, plan.maxScore) : plan.maxScore;
  if (max < plan.minScore) return { entries: [], full: false };
  for (let fetch = count; ; fetch *= TIE_GROWTH) {
    const reply = await redis.zRangeWithScores(key, max, plan.minScore, {
      BY: 'SCORE',
      REV: true,
      LIMIT: { offset: 0, count: fetch },
    });
    const entries: IndexEntry[] = [];
    for (const { value, score } of reply) {
      const entry = { score, member: value };
      if (!after || isAfter(entry, after)) entries.push(entry);
    }
    const full = reply.length === fetch;
    if (!full || entries.length > 0) return { entries, full };
  }
}
