/**
 * What secfeed costs in Redis memory: publishes the real replayed EDGAR day (4,655 filings of
 * 2020-01-03) through the dedup publisher, exactly as ingest does, into a private, empty
 * redis-server, then reads `used_memory` and `MEMORY USAGE` of every key it wrote. Prints the
 * bytes per filing by key kind and the figures docs/operations.md sizes Redis with.
 *
 *   npm run bench:memory
 */
import { FilingPublisher } from '@secfeed/dedup';
import { parseStreamFrame } from '@secfeed/filing-model';
import { createRedisKeys } from '@secfeed/redis-keys';
import { loadReplayDay } from '@secfeed/sec-api-simulator';
import { createRedisProcess } from '@secfeed/test-kit';
import { createClient } from 'redis';
import { runBenchmark } from './lib/bench-run';
import { CleanupStack } from './lib/cleanup-stack';
import { machineInfo } from './lib/machine-info';
import { info } from './lib/redis-helpers';

const BATCH = 500;
/** The brief's ordinary day; the replayed day had 4,655. */
const FILINGS_PER_DAY = 3000;
const RETENTION_DAYS = 7;
const STREAM_MAX_LEN = 100_000;

/** Which part of the data model a key belongs to, from its name (libs/redis-keys). */
function kindOf(key: string): string {
  if (key.startsWith('stream:')) return 'stream';
  if (key.startsWith('dedup:')) return 'seen-marks';
  if (key.startsWith('doc:')) return 'documents';
  if (key.startsWith('cache:') && key.endsWith(':latest')) return 'latest';
  if (key.startsWith('cache:')) return 'ticker indexes';
  if (key.endsWith(':all')) return 'all index';
  if (key.includes(':cik:')) return 'cik indexes';
  return 'form indexes';
}

async function main(): Promise<void> {
  const cleanup = new CleanupStack();
  const redisProcess = await createRedisProcess();
  cleanup.push('stop redis-server', () => redisProcess.dispose());
  try {
    await redisProcess.start();
    const redis = createClient({ url: redisProcess.url });
    await redis.connect();
    cleanup.push('quit redis', () => redis.quit());

    const day = loadReplayDay();
    const parsed = parseStreamFrame(
      JSON.stringify(day),
      { source: 'sec-api', receivedAt: new Date().toISOString() },
      { maxBytes: 1 << 30 },
    );
    if (parsed.rejects.length > 0)
      throw new Error(`${parsed.rejects.length} filings of the day refused`);
    const filings = parsed.filings;
    const newest = Math.max(...filings.map((f) => f.filedAtMs));
    const publisher = new FilingPublisher(redis, {
      keys: createRedisKeys(),
      // The day is years old: publish as if it were today, so every filing is retained.
      now: () => newest + 3_600_000,
    });

    const before = Number((await info(redis, 'memory')).get('used_memory'));
    for (let i = 0; i < filings.length; i += BATCH)
      await publisher.publishBatch(filings.slice(i, i + BATCH));
    const after = Number((await info(redis, 'memory')).get('used_memory'));

    const byKind = new Map<string, { keys: number; bytes: number }>();
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
    const jsonBytes =
      filings.reduce((sum, f) => sum + JSON.stringify(f).length, 0) /
      filings.length;
    const perFiling = (after - before) / filings.length;
    const stream = byKind.get('stream')?.bytes ?? 0;
    const streamPerFiling = stream / filings.length;
    const restPerFiling = perFiling - streamPerFiling;
    const retained = FILINGS_PER_DAY * RETENTION_DAYS;
    const weekBytes =
      retained * restPerFiling +
      Math.min(STREAM_MAX_LEN, retained) * streamPerFiling;
    // The stream is trimmed by age as well as by count (libs/dedup README, Retention), so once
    // the retention is full nothing grows any more: the steady state is the retained week.
    const steadyBytes = weekBytes;

    const machine = await machineInfo(redis);
    const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    console.log(
      `Redis memory of ${filings.length} real filings (EDGAR, 2020-01-03), ${machine.redis}`,
    );
    console.log(
      `  average filing JSON ${jsonBytes.toFixed(0)} B; used_memory grew ${mib(after - before)} MiB = ${perFiling.toFixed(0)} B per filing`,
    );
    for (const [kind, sum] of [...byKind].sort(
      (a, b) => b[1].bytes - a[1].bytes,
    )) {
      console.log(
        `  ${kind.padEnd(15)} ${String(sum.keys).padStart(6)} keys  ${mib(sum.bytes).padStart(6)} MiB  ${(sum.bytes / filings.length).toFixed(0).padStart(5)} B/filing`,
      );
    }
    console.log(
      `  one day of ${FILINGS_PER_DAY}: ${mib(FILINGS_PER_DAY * perFiling)} MiB; ` +
        `a retained week (${retained} filings): ${mib(weekBytes)} MiB; ` +
        `steady state (everything trimmed by age, the stream also capped at ${STREAM_MAX_LEN}): ${mib(steadyBytes)} MiB`,
    );
    console.log(
      JSON.stringify({
        bench: 'redis-memory',
        at: new Date().toISOString(),
        filings: filings.length,
        jsonBytes: Math.round(jsonBytes),
        bytesPerFiling: Math.round(perFiling),
        streamBytesPerFiling: Math.round(streamPerFiling),
        byKind: Object.fromEntries(byKind),
        dayMiB: Number(mib(FILINGS_PER_DAY * perFiling)),
        weekMiB: Number(mib(weekBytes)),
        steadyMiB: Number(mib(steadyBytes)),
        machine,
      }),
    );
  } finally {
    await cleanup.runAll();
  }
}

runBenchmark('Redis memory', main);
