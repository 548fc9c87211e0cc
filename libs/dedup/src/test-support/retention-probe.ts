import type { RedisKeys } from '@secfeed/redis-keys';
import { decodeStreamEntry } from '../lib/stream-entry';
import type { TestClient } from './redis-test-context';

/** One stream entry as the retention tests look at it. */
export interface ProbedEntry {
  readonly position: string;
  /** The millisecond part of the position: Redis's clock when the entry was added. */
  readonly ms: number;
  readonly accessionNo: string;
}

/**
 * Redis's own clock in epoch ms (`TIME`), read on the node that owns the feed's slot: the clock
 * that stamps stream IDs and expires keys.
 */
export async function redisNowMs(
  client: TestClient,
  keys: RedisKeys,
): Promise<number> {
  const reply = (await client.eval(
    "local t = redis.call('TIME') return t[1] * 1000 + math.floor(t[2] / 1000)",
    { keys: [keys.stream] },
  )) as number;
  return Number(reply);
}

/** Every entry of the stream, oldest first: what a client resuming with `since` could get. */
export async function streamEntries(
  client: TestClient,
  keys: RedisKeys,
): Promise<ProbedEntry[]> {
  const entries = await client.xRange(keys.stream, '-', '+');
  return entries.map(({ id, message }) => ({
    position: id,
    ms: Number(id.split('-')[0]),
    accessionNo: decodeStreamEntry(message as Record<string, string>)
      .accessionNo,
  }));
}

/** Accession numbers that occur more than once in the stream (none, if exactly once holds). */
export function repeatedAccessions(entries: readonly ProbedEntry[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { accessionNo } of entries) {
    if (seen.has(accessionNo)) repeated.add(accessionNo);
    seen.add(accessionNo);
  }
  return [...repeated];
}

/** Resolves after `ms` of real time: Redis expires keys by its own clock, which tests cannot drive. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
