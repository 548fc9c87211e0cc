import { randomUUID } from 'node:crypto';
import type { SecfeedRedis } from '@secfeed/service-runtime';

/**
 * Deletes the lock, and the keys held with it, only when it still holds our token (it may have
 * expired and been taken).
 */
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
for i = 2, #KEYS do redis.call('DEL', KEYS[i]) end
return redis.call('DEL', KEYS[1])
`;

/**
 * Extends the lock, and the keys held with it, back to the TTL only when it still holds our
 * token: 1, or 0 when the lock is gone (expired, perhaps taken by another run).
 */
const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
for i = 2, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
`;

/** Options of {@link withDayLock}. */
export interface DayLockOptions {
  /** How often the lock is extended back to its TTL while the work runs, ms. Default a third of the TTL. */
  readonly renewEveryMs?: number;
  /**
   * Keys that live only while the lock is held (the run's progress): extended with it, deleted
   * when it is released. They must share the lock's hash slot.
   */
  readonly heldWith?: readonly string[];
}

/** What {@link withDayLock} came to. */
export type DayLockRun<T> = { ran: true; value: T } | { ran: false };

/**
 * Runs `work` while holding the lock at `key`, or not at all when another run holds it: one run
 * per day at a time, whoever asks, on every replica.
 *
 * The lock is short-lived (SET NX with `ttlMs`) and extended every `renewEveryMs` while `work`
 * runs, so a process killed mid-run frees the day within `ttlMs`. When an extension finds the
 * lock no longer ours (or Redis has not confirmed one for a whole TTL, so it may have expired),
 * the signal handed to `work` aborts: the work stops rather than run twice beside another run.
 *
 * @returns `{ ran: true, value }`, or `{ ran: false }` when the lock was taken.
 * @throws what `work` throws (the lock released first) or the Redis error taking the lock.
 */
export async function withDayLock<T>(
  redis: Pick<SecfeedRedis, 'set' | 'eval'>,
  key: string,
  ttlMs: number,
  work: (lockLost: AbortSignal) => Promise<T>,
  options: DayLockOptions = {},
): Promise<DayLockRun<T>> {
  const token = randomUUID();
  const taken = await redis.set(key, token, { NX: true, PX: ttlMs });
  if (taken !== 'OK') return { ran: false };
  const keys = [key, ...(options.heldWith ?? [])];
  const keepAlive = renewWhileHeld(
    redis,
    keys,
    token,
    ttlMs,
    options.renewEveryMs ?? Math.max(1, Math.floor(ttlMs / 3)),
  );
  try {
    return { ran: true, value: await work(keepAlive.lost) };
  } finally {
    keepAlive.stop();
    // Sent after any extension still on its way, on the same connection: answered after it.
    await redis
      .eval(RELEASE, { keys, arguments: [token] })
      .catch(() => undefined);
  }
}

/** Extends the lock every `everyMs` until stopped; `lost` aborts when it is no longer ours. */
function renewWhileHeld(
  redis: Pick<SecfeedRedis, 'eval'>,
  keys: string[],
  token: string,
  ttlMs: number,
  everyMs: number,
): { lost: AbortSignal; stop(): void } {
  const lost = new AbortController();
  let confirmedAt = Date.now();
  let inFlight = false;
  let stopped = false;
  const lose = (why: string) => {
    if (stopped || lost.signal.aborted) return;
    clearInterval(timer);
    lost.abort(new Error(why));
  };
  const timer = setInterval(() => {
    // Not confirmed for a whole TTL (Redis slow or away): the lock may have expired meanwhile.
    if (Date.now() - confirmedAt >= ttlMs)
      return lose('the lock could not be extended within its TTL');
    if (inFlight) return;
    inFlight = true;
    const sentAt = Date.now();
    redis
      .eval(RENEW, { keys, arguments: [token, String(ttlMs)] })
      .then(
        (reply) => {
          if (Number(reply) === 1) confirmedAt = sentAt;
          else lose('the lock is held by another run or expired');
        },
        () => undefined,
      )
      .finally(() => (inFlight = false));
  }, everyMs);
  timer.unref?.();
  return {
    lost: lost.signal,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
