import type { BenchRedis } from '../lib/redis-helpers';
import { kindOf } from './key-kind';

/** Keys and bytes (`MEMORY USAGE`, every sample) of one kind of key. */
export interface KindSum {
  keys: number;
  bytes: number;
}

/** Every key of the (private) Redis, summed by {@link kindOf}, in scan order. */
export async function memoryByKind(
  redis: BenchRedis,
): Promise<Map<string, KindSum>> {
  const byKind = new Map<string, KindSum>();
  for await (const keys of redis.scanIterator({ COUNT: 1000 })) {
    for (const key of keys) {
      const bytes = (await redis.memoryUsage(key, { SAMPLES: 0 })) ?? 0;
      const kind = kindOf(key);
      const sum = byKind.get(kind) ?? { keys: 0, bytes: 0 };
      sum.keys += 1;
      sum.bytes += bytes;
      byKind.set(kind, sum);
    }
  }
  return byKind;
}
