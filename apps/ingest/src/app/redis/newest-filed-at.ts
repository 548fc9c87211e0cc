import type { SecfeedRedis } from '@secfeed/service-runtime';
import {
  decodeIndexMember,
  decodeStoredFiling,
} from '@secfeed/filing-model/stored';
import type { RedisKeys } from '@secfeed/redis-keys';

/**
 * `filedAt` of the newest filing already in Redis (by acceptance time), as the upstream wrote
 * it, or undefined when there is none (or its document has no string `filedAt`): where a gap
 * backfill starts after a restart.
 *
 * @throws Error naming the stored format's code when the newest document is not a JSON object,
 *   so that the backfill attempt reports a corrupt store instead of starting from scratch.
 */
export async function newestFiledAt(
  client: Pick<SecfeedRedis, 'zRange' | 'get'>,
  keys: RedisKeys,
): Promise<string | undefined> {
  const [member] = await client.zRange(keys.latest, 0, 0, { REV: true });
  const decoded = member === undefined ? undefined : decodeIndexMember(member);
  if (!decoded?.ok) return undefined;
  const { accessionNo } = decoded.value;
  const doc = await client.get(keys.filing(accessionNo));
  if (!doc) return undefined;
  const stored = decodeStoredFiling(doc);
  if (!stored.ok) {
    throw new Error(
      `stored filing ${accessionNo}: ${stored.error.message} (${stored.error.code})`,
    );
  }
  return stored.value.filedAt;
}
