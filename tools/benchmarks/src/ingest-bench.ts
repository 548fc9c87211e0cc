/**
 * The ingest benchmark (docs/benchmarks.md): the sec-api.io simulator in this process feeds the
 * BUILT ingest (`node dist/apps/ingest/main.js`, a child process) on the local Redis.
 *
 *   1. throughput: rate 0 (full speed), BENCH_BATCH_SIZE filings per frame (default 50),
 *      BENCH_FILINGS filings (default 50,000), with INGEST_BUFFER_SIZE = BENCH_FILINGS so that
 *      the backlog never overflows; stream entries counted, 0 lost, 0 duplicated; ingest RSS
 *      at the first and the last entry. Then the same with the ingest's default buffer
 *      (10,000), which shows whether a backlog beyond the buffer loses filings.
 *   2. ceiling: redis-benchmark XADD on the same Redis, and the ratio ingest / ceiling.
 *   3. stages: parsing and publishing measured apart, in this process.
 *   4. latency: 100 filings/s, one per frame, for BENCH_LATENCY_SECONDS (default 30) after a
 *      2 s warm-up; frame sent to entry read by a blocked XREAD, p50/p99/max.
 *
 * The phases run in `ingest/ingest-phases.ts` (each in `lib/*-phase.ts` and its neighbours);
 * `ingest/ingest-report.ts` and `ingest/ingest-summary.ts` print the figures.
 *
 * Run: `npm run bench:ingest` (builds ingest first). REDIS_URL overrides the Redis
 * (default redis://127.0.0.1:6379); BENCH_INGEST_CPU_PROF=<dir> writes a .cpuprofile of the
 * ingest during phase 1. Prints figures, then exactly one JSON line as the last line.
 * Every key goes under a prefix of this run and is deleted at the end; every child process and
 * server is stopped, on failure and on Ctrl-C too.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { startIngestContext } from './ingest/ingest-context';
import { runIngestPhases } from './ingest/ingest-phases';
import { ingestReportLines } from './ingest/ingest-report';
import type { IngestRun } from './ingest/ingest-run';
import { readIngestSettings } from './ingest/ingest-settings';
import { ingestSummary } from './ingest/ingest-summary';
import { ingestVerdicts } from './ingest/ingest-verdicts';
import { runBenchmark, startBenchRun } from './lib/bench-run';
import { machineInfo, type MachineInfo } from './lib/machine-info';

const ROOT = resolve(__dirname, '../../..');

function printMachine(machine: MachineInfo, runPrefix: string): number {
  console.log(
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}, ` +
      `Node ${machine.node}, Redis ${machine.redis}`,
  );
  const loadAtStart = loadavg()[0];
  console.log(
    `Key prefix of this run: ${runPrefix}*; load average (1 min) ${loadAtStart.toFixed(2)} ` +
      `(other work on these ${machine.cores} cores skews every figure)`,
  );
  return loadAtStart;
}

async function main(): Promise<number> {
  const settings = readIngestSettings();
  const runPrefix = `bench-${process.pid}-${randomBytes(4).toString('hex')}-`;
  const startedAt = Date.now();
  const { cleanup, redis } = await startBenchRun(settings.redisUrl, runPrefix);
  try {
    const context = await startIngestContext(
      ROOT,
      redis,
      settings.redisUrl,
      cleanup,
    );
    const machine = await machineInfo(redis);
    const loadAtStart = printMachine(machine, runPrefix);
    const measures = await runIngestPhases(context, settings, runPrefix);
    const verdicts = ingestVerdicts(measures, settings.filings);
    const run: IngestRun = {
      settings,
      machine,
      startedAt,
      loadAtStart,
      measures,
      verdicts,
    };
    ingestReportLines(run).forEach((line) => console.log(line));
    const summary = ingestSummary(run);
    await cleanup.runAll();
    console.log(JSON.stringify(summary));
    return verdicts.countsOk && verdicts.latencyOk ? 0 : 1;
  } finally {
    await cleanup.runAll();
  }
}

runBenchmark('ingest', main);
