import { randomUUID } from 'node:crypto';
import type { SecfeedRedis } from '@secfeed/service-runtime';

/** Deletes the lock only when it still holds our token (it may have expired and been taken). */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * Runs `work` while holding the lock at `key` (SET NX with a TTL, so a replica that dies
 * mid-run frees it), or not at all when another run holds it: one run per day at a time,
 * whoever asks, on every replica.
 *
 * @returns `{ ran: true, value }`, or `{ ran: false }` when the lock was taken.
 * @throws what `work` throws (the lock released first) or the Redis error taking the lock.
 */
export async function withDayLock<T>(
  redis: Pick<SecfeedRedis, 'set' | 'eval'>,
  key: string,
  ttlMs: number,
  work: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  const token = randomUUID();
  const taken = await redis.set(key, token, { NX: true, PX: ttlMs });
  if (taken !== 'OK') return { ran: false };
  try {
    return { ran: true, value: await work() };
  } finally {
    await redis
      .eval(RELEASE, { keys: [key], arguments: [token] })
      .catch(() => undefined);
  }
}
