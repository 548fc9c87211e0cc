/**
 * What secfeed costs in Redis memory: publishes the real replayed EDGAR day (4,655 filings of
 * 2020-01-03) through the dedup publisher, exactly as ingest does, into a private, empty
 * redis-server, then reads `used_memory` and `MEMORY USAGE` of every key it wrote. Prints the
 * bytes per filing by key kind and the figures docs/operations.md sizes Redis with.
 *
 *   npm run bench:memory
 */
import { createRedisProcess } from '@secfeed/test-kit';
import { createClient } from 'redis';
import { runBenchmark } from './lib/bench-run';
import { CleanupStack } from './lib/cleanup-stack';
import { machineInfo } from './lib/machine-info';
import { memoryByKind } from './memory/memory-by-kind';
import { estimateMemory } from './memory/memory-estimate';
import { memoryReportLines, memorySummary } from './memory/memory-report';
import { publishReplayDay } from './memory/publish-replay-day';

async function main(): Promise<void> {
  const cleanup = new CleanupStack();
  const redisProcess = await createRedisProcess();
  cleanup.push('stop redis-server', () => redisProcess.dispose());
  try {
    await redisProcess.start();
    const redis = createClient({ url: redisProcess.url });
    await redis.connect();
    cleanup.push('quit redis', () => redis.quit());

    const day = await publishReplayDay(redis);
    const byKind = await memoryByKind(redis);
    const filings = day.filings.length;
    const usedMemoryGrowth = day.usedMemoryAfter - day.usedMemoryBefore;
    const figures = {
      filings,
      jsonBytes:
        day.filings.reduce((sum, f) => sum + JSON.stringify(f).length, 0) /
        filings,
      usedMemoryGrowth,
      byKind,
      estimate: estimateMemory(
        filings,
        usedMemoryGrowth,
        byKind.get('stream')?.bytes ?? 0,
      ),
      machine: await machineInfo(redis),
    };
    memoryReportLines(figures).forEach((line) => console.log(line));
    console.log(JSON.stringify(memorySummary(figures)));
  } finally {
    await cleanup.runAll();
  }
}

runBenchmark('Redis memory', main);
