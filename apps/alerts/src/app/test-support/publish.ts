import { encodeStreamEntry } from '@secfeed/filing-model/stored';
import { createRedisKeys } from '@secfeed/redis-keys';
import type { TestRedis } from '@secfeed/test-kit';

/**
 * Appends filings to the prefix's stream as the dedup publisher does (`encodeStreamEntry`);
 * `kind: 'insights'` appends insights entries (the filing with its `insights`). Returns the ids.
 */
export async function publish(
  redis: TestRedis,
  prefix: string,
  filings: readonly { accessionNo: string }[],
  kind?: 'insights',
): Promise<string[]> {
  const stream = createRedisKeys(prefix).stream;
  const ids: string[] = [];
  for (const filing of filings) {
    const fields = { ...encodeStreamEntry(filing), ...(kind ? { kind } : {}) };
    ids.push(await redis.xAdd(stream, '*', fields));
  }
  return ids;
}
