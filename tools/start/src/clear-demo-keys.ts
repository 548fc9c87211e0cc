import { createClient } from 'redis';

/**
 * Deletes every key under `prefix` (the replayed demo's own prefix) and returns how many.
 * The replay publishes the same accession numbers each run; without this, a second `npm start`
 * would find them all seen-marked and show no live filing. Keys outside `prefix` are untouched.
 */
export async function clearDemoKeys(
  redisUrl: string,
  prefix: string,
): Promise<number> {
  if (prefix === '') throw new Error('refusing to clear keys without a prefix');
  const redis = createClient({ url: redisUrl });
  await redis.connect();
  try {
    let deleted = 0;
    for await (const batch of redis.scanIterator({
      MATCH: `${prefix}*`,
      COUNT: 1000,
    })) {
      if (batch.length > 0) deleted += await redis.unlink(batch);
    }
    return deleted;
  } finally {
    await redis.quit();
  }
}
