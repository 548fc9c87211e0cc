import type { SecfeedRedis } from '@secfeed/service-runtime';
import { decodeIndexMember } from '@secfeed/dedup';
import type { RedisKeys } from '@secfeed/redis-keys';

/**
 * `filedAt` of the newest filing already in Redis (by acceptance time), as the upstream wrote
 * it, or undefined when there is none: where a gap backfill starts after a restart.
 */
export async function newestFiledAt(
  client: Pick<SecfeedRedis, 'zRange' | 'get'>,
  keys: RedisKeys,
): Promise<string | undefined> {
  const [member] = await client.zRange(keys.latest, 0, 0, { REV: true });
  const decoded = member === undefined ? undefined : decodeIndexMember(member);
  if (!decoded) return undefined;
  const doc = await client.get(keys.filing(decoded.accessionNo));
  if (!doc) return undefined;
  const filedAt = (JSON.parse(doc) as { filedAt?: unknown }).filedAt;
  return typeof filedAt === 'string' ? filedAt : undefined;
}
