import type { SecfeedRedis } from '@secfeed/service-runtime';
import { decodeIndexMember } from '@secfeed/filing-model/stored';
import type { RedisKeys } from '@secfeed/redis-keys';
import { IndexEntry } from './index-entry';

/** Keys per MGET: big replies block Redis for everyone else, so a large scan is split. */
export const MGET_CHUNK = 100;

/**
 * The stored JSON document of each entry, in order, `null` where it has expired (or the member
 * is not one dedup wrote). All chunks go out in one pipelined round trip.
 */
export async function loadDocuments(
  redis: SecfeedRedis,
  keys: RedisKeys,
  entries: readonly IndexEntry[],
): Promise<(string | null)[]> {
  const accessionNos = entries.map((entry) => {
    const member = decodeIndexMember(entry.member);
    return member.ok ? member.value.accessionNo : undefined;
  });
  const docKeys = accessionNos
    .filter((accessionNo): accessionNo is string => accessionNo !== undefined)
    .map(keys.filing);
  const chunks: Promise<(string | null)[]>[] = [];
  for (let i = 0; i < docKeys.length; i += MGET_CHUNK) {
    chunks.push(redis.mGet(docKeys.slice(i, i + MGET_CHUNK)));
  }
  const found = (await Promise.all(chunks)).flat();
  let next = 0;
  return accessionNos.map((accessionNo) =>
    accessionNo === undefined ? null : found[next++],
  );
}
