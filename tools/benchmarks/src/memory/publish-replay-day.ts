import { FilingPublisher } from '@secfeed/dedup';
import { parseStreamFrame, type Filing } from '@secfeed/filing-model';
import { createRedisKeys } from '@secfeed/redis-keys';
import { loadReplayDay } from '@secfeed/sec-api-simulator';
import type { BenchRedis } from '../lib/redis-helpers';
import { info } from '../lib/redis-helpers';

const BATCH = 500;

/** The replayed day as published, and `used_memory` before and after. */
export interface PublishedDay {
  filings: Filing[];
  usedMemoryBefore: number;
  usedMemoryAfter: number;
}

const usedMemory = async (redis: BenchRedis): Promise<number> =>
  Number((await info(redis, 'memory')).get('used_memory'));

/**
 * Publishes the real replayed EDGAR day through the dedup publisher in batches of 500, exactly
 * as ingest does; throws when a filing of the day is refused.
 */
export async function publishReplayDay(
  redis: BenchRedis,
): Promise<PublishedDay> {
  const parsed = parseStreamFrame(
    JSON.stringify(loadReplayDay()),
    { source: 'sec-api', receivedAt: new Date().toISOString() },
    { maxBytes: 1 << 30 },
  );
  if (parsed.rejects.length > 0)
    throw new Error(`${parsed.rejects.length} filings of the day refused`);
  const filings = parsed.filings;
  const newest = Math.max(...filings.map((f) => f.filedAtMs));
  const publisher = new FilingPublisher(redis, {
    keys: createRedisKeys(),
    // The day is years old: publish as if it were today, so every filing is retained.
    now: () => newest + 3_600_000,
  });
  const usedMemoryBefore = await usedMemory(redis);
  for (let i = 0; i < filings.length; i += BATCH)
    await publisher.publishBatch(filings.slice(i, i + BATCH));
  return {
    filings,
    usedMemoryBefore,
    usedMemoryAfter: await usedMemory(redis),
  };
}
