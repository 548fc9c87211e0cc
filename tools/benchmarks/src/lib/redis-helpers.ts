import { createClient } from 'redis';

export type BenchRedis = ReturnType<typeof createClient>;

/** A stream entry as the publisher writes it, reduced to what the benchmark checks. */
export interface EntryRef {
  id: string;
  accessionNo: string;
}

/** Milliseconds part of a stream entry ID (`<ms>-<seq>`): when Redis appended it. */
export function entryMs(id: string): number {
  return Number(id.slice(0, id.indexOf('-')));
}

/** Every entry of a stream, oldest first, read in pages with XRANGE. */
export async function readAllEntries(
  redis: BenchRedis,
  key: string,
  page = 5000,
): Promise<EntryRef[]> {
  const entries: EntryRef[] = [];
  let start = '-';
  for (;;) {
    const batch = await redis.xRange(key, start, '+', { COUNT: page });
    for (const entry of batch) {
      entries.push({
        id: entry.id,
        accessionNo: String(entry.message['accessionNo']),
      });
    }
    if (batch.length < page) return entries;
    start = `(${batch[batch.length - 1].id}`;
  }
}

/** Deletes every key that starts with `prefix` (SCAN + UNLINK); returns how many. */
export async function deleteKeysWithPrefix(
  redis: BenchRedis,
  prefix: string,
): Promise<number> {
  if (prefix.length < 8)
    throw new Error(`refusing to delete keys of prefix "${prefix}"`);
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let deleted = 0;
  for await (const keys of redis.scanIterator({
    MATCH: pattern,
    COUNT: 1000,
  })) {
    if (keys.length > 0) deleted += await redis.unlink(keys);
  }
  return deleted;
}

/** Parses `INFO <section>` into a map of field to value. */
export async function info(
  redis: BenchRedis,
  section: string,
): Promise<Map<string, string>> {
  const text = await redis.info(section);
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#'))
      fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

/** Calls and total microseconds Redis spent in one command (INFO commandstats). */
export async function commandStats(
  redis: BenchRedis,
  command: string,
): Promise<{ calls: number; usec: number }> {
  const raw = (await info(redis, 'commandstats')).get(`cmdstat_${command}`);
  const calls = /calls=(\d+)/.exec(raw ?? '');
  const usec = /usec=(\d+)/.exec(raw ?? '');
  return { calls: Number(calls?.[1] ?? 0), usec: Number(usec?.[1] ?? 0) };
}

/** User plus system CPU seconds the Redis server has used (INFO cpu). */
export async function redisCpuSeconds(redis: BenchRedis): Promise<number> {
  const cpu = await info(redis, 'cpu');
  return (
    Number(cpu.get('used_cpu_user') ?? 0) + Number(cpu.get('used_cpu_sys') ?? 0)
  );
}
