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
 * Run: `npm run bench:ingest` (builds ingest first). REDIS_URL overrides the Redis
 * (default redis://127.0.0.1:6379); BENCH_INGEST_CPU_PROF=<dir> writes a .cpuprofile of the
 * ingest during phase 1. Prints figures, then exactly one JSON line as the last line.
 * Every key goes under a prefix of this run and is deleted at the end; every child process and
 * server is stopped, on failure and on Ctrl-C too.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchContext } from './lib/bench-context';
import { fmt, intEnv, round, verdict } from './lib/report-format';
import { runBenchmark, startBenchRun } from './lib/bench-run';
import { latencyPhase } from './lib/latency-phase';
import { machineInfo } from './lib/machine-info';
import { startQueryApiStub } from './lib/query-api-stub';
import { redisCeiling } from './lib/redis-ceiling';
import { stageCeilings } from './lib/stage-ceilings';
import { throughputPhase } from './lib/throughput-phase';

const ROOT = resolve(__dirname, '../../..');

const TARGETS = {
  filingsPerSecond: 10_000,
  p99Ms: 5,
};

const mib = (kib: number): string => `${fmt(kib / 1024, 1)} MiB`;

async function main(): Promise<number> {
  const filings = intEnv('BENCH_FILINGS', 50_000);
  const batchSize = intEnv('BENCH_BATCH_SIZE', 50);
  const latencySeconds = intEnv('BENCH_LATENCY_SECONDS', 30);
  const stageFilings = intEnv('BENCH_STAGE_FILINGS', 20_000);
  const cpuProfDir = process.env['BENCH_INGEST_CPU_PROF'];
  const redisUrl = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
  const runPrefix = `bench-${process.pid}-${randomBytes(4).toString('hex')}-`;
  const startedAt = Date.now();

  const { cleanup, redis } = await startBenchRun(redisUrl, runPrefix);
  try {
    const stub = await startQueryApiStub();
    cleanup.push('query api stub', () => stub.close());
    const context: BenchContext = {
      redis,
      redisUrl,
      root: ROOT,
      ingestMain: join(ROOT, 'dist/apps/ingest/main.js'),
      queryApiUrl: `${stub.url}/`,
      apiKey: `bench-${randomBytes(8).toString('hex')}`,
      cleanup,
      log: (line) => console.log(line),
    };
    const machine = await machineInfo(redis);
    console.log(
      `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}, ` +
        `Node ${machine.node}, Redis ${machine.redis}`,
    );
    const loadAtStart = loadavg()[0];
    console.log(
      `Key prefix of this run: ${runPrefix}*; load average (1 min) ${loadAtStart.toFixed(2)} ` +
        `(other work on these ${machine.cores} cores skews every figure)`,
    );

    console.log(
      `\n[1/4] Throughput: ${fmt(filings)} filings, simulator at full speed, ${batchSize} filings per frame`,
    );
    const throughput = await throughputPhase(context, {
      keyPrefix: `${runPrefix}tp:`,
      filings,
      batchSize,
      bufferSize: filings,
      nodeArgs: cpuProfDir
        ? ['--cpu-prof', `--cpu-prof-dir=${resolve(cpuProfDir)}`]
        : undefined,
    });
    const countsOk =
      throughput.streamEntries === filings &&
      throughput.distinct === filings &&
      throughput.lost === 0 &&
      throughput.duplicated === 0;
    const rssGrowthKiB = throughput.rssEndKiB - throughput.rssStartKiB;
    const rssFlat =
      rssGrowthKiB <= Math.max(32 * 1024, throughput.rssStartKiB * 0.25);

    console.log(
      `  ${fmt(throughput.filingsPerSecond)} filings/s, ${fmt(throughput.streamEntries)} entries; ` +
        `again with the ingest's default INGEST_BUFFER_SIZE`,
    );
    const shipped = await throughputPhase(context, {
      keyPrefix: `${runPrefix}tp-default:`,
      filings,
      batchSize,
    });
    console.log('[2/4] Redis ceiling (redis-benchmark)');
    const ceiling = await redisCeiling(context, `${runPrefix}ceiling:`);
    console.log(
      `[3/4] Stages apart: parse and publish ${fmt(stageFilings)} filings in this process`,
    );
    const stages = await stageCeilings(
      context,
      `${runPrefix}stages:`,
      stageFilings,
      batchSize,
    );
    console.log(
      `[4/4] Latency: 100 filings/s, 1 per frame, ${latencySeconds} s after a 2 s warm-up`,
    );
    const latency = await latencyPhase(context, {
      keyPrefix: `${runPrefix}lat:`,
      rate: 100,
      seconds: latencySeconds,
      warmupSeconds: 2,
    });
    const ratio = throughput.filingsPerSecond / ceiling.requestsPerSecond;
    const latencyOk = latency.lost === 0;

    const lines = [
      '',
      '=== Ingest benchmark ===',
      `Throughput (${fmt(throughput.streamEntries)} stream entries, ${throughput.batchSize} filings/frame, ${fmt(throughput.framesSent)} frames, INGEST_BUFFER_SIZE=${throughput.bufferSize}):`,
      `  ${fmt(throughput.filingsPerSecond)} filings/s first to last entry (${fmt(throughput.spanMs)} ms, Redis clock); ` +
        `second half ${fmt(throughput.secondHalfFilingsPerSecond)} filings/s; observed span ${fmt(throughput.observedSpanMs)} ms`,
      `  target >= ${fmt(TARGETS.filingsPerSecond)} filings/s: ${verdict(throughput.filingsPerSecond >= TARGETS.filingsPerSecond)}`,
      `  counts: sent ${fmt(throughput.filingsSent)}, entries ${fmt(throughput.streamEntries)}, distinct ${fmt(throughput.distinct)}, ` +
        `lost ${throughput.lost}, duplicated ${throughput.duplicated}: ${countsOk ? 'OK' : 'WRONG'}`,
      `  CPU over the span (% of one core): ingest ${fmt(throughput.ingestCpuPercent)}%, redis-server ${fmt(throughput.redisCpuPercent)}%, ` +
        `simulator+observer ${fmt(throughput.benchCpuPercent)}%`,
      `  Redis time per publish script (EVALSHA): ${fmt(throughput.evalshaUsecPerCall, 1)} us over ${fmt(throughput.evalshaCalls)} calls`,
      `With the default INGEST_BUFFER_SIZE (10,000): ${fmt(shipped.streamEntries)} of ${fmt(shipped.filingsSent)} published, ` +
        `lost ${fmt(shipped.lost)} (ingest logged ${fmt(shipped.droppedByIngest)} dropped as "buffer full"), duplicated ${shipped.duplicated}: ` +
        `${shipped.lost === 0 && shipped.duplicated === 0 ? 'OK' : 'LOSES FILINGS under a backlog'}`,
      `Memory (ingest RSS, VmRSS): start ${mib(throughput.rssStartKiB)}, end ${mib(throughput.rssEndKiB)}, peak ${mib(throughput.rssPeakKiB)}: ` +
        `${rssFlat ? 'flat' : 'GROWING'} (${rssGrowthKiB >= 0 ? '+' : ''}${mib(rssGrowthKiB)})`,
      `Ceiling: ${ceiling.command}`,
      `  ${fmt(ceiling.requestsPerSecond)} XADD/s${ceiling.builtinXaddTest ? '' : ' (this redis-benchmark has no "-t xadd" test: explicit XADD command line used)'}; ` +
        `pipelined -P 50: ${fmt(ceiling.pipelinedRequestsPerSecond)} XADD/s`,
      `  ratio ingest / XADD ceiling: ${fmt(ratio, 3)}. Not like for like: one ingest publish is a Lua script (GET seen-mark, XADD, ` +
        `SET seen-mark, SET document, ZADD/ZREMRANGE/PEXPIRE on 4-5 sorted sets) costing ${fmt(throughput.evalshaUsecPerCall, 1)} us ` +
        `of Redis time, i.e. at most ${fmt(1e6 / throughput.evalshaUsecPerCall)} publishes/s on one Redis core.`,
      `Stages apart (this process, ${fmt(stages.filings)} filings): parse+validate ${fmt(stages.parseFilingsPerSecond)} filings/s ` +
        `(${fmt(stages.parseUsPerFiling, 1)} us each); publish ${fmt(stages.publishFilingsPerSecond)} filings/s ` +
        `(${fmt(stages.publishUsPerFiling, 1)} us each, ${fmt(stages.scriptUsecPerCall, 1)} us in Redis)`,
      `Latency at ${latency.rate} filings/s, ${latency.seconds} s (${fmt(latency.latencyMs.count)} filings after ${latency.warmupFilings} warm-up), frame sent to XREAD:`,
      `  p50 ${fmt(latency.latencyMs.p50, 2)} ms, p90 ${fmt(latency.latencyMs.p90, 2)} ms, p99 ${fmt(latency.latencyMs.p99, 2)} ms, max ${fmt(latency.latencyMs.max, 2)} ms; ` +
        `lost ${latency.lost}`,
      `  split at the XADD (entry ID ms, 1 ms resolution): sent to XADD p50 ${fmt(latency.toXaddMs.p50, 1)} / p99 ${fmt(latency.toXaddMs.p99, 1)} / max ${fmt(latency.toXaddMs.max, 1)} ms; ` +
        `XADD to read p50 ${fmt(latency.xaddToReadMs.p50, 1)} / p99 ${fmt(latency.xaddToReadMs.p99, 1)} / max ${fmt(latency.xaddToReadMs.max, 1)} ms`,
      `  target p99 < ${TARGETS.p99Ms} ms: ${verdict(latency.latencyMs.p99 < TARGETS.p99Ms)}`,
      `Total time ${fmt((Date.now() - startedAt) / 1000, 1)} s; load average (1 min) ${loadAtStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`,
    ];
    for (const line of lines) console.log(line);
    if (throughput.ingestWarnings.length > 0) {
      console.log(
        `Ingest wrote ${throughput.ingestWarnings.length} warning lines; the last:`,
      );
      console.log(`  ${throughput.ingestWarnings.slice(-3).join('\n  ')}`);
    }

    const summary = {
      benchmark: 'ingest',
      at: new Date(startedAt).toISOString(),
      machine,
      loadAverage: {
        start: round(loadAtStart, 2),
        end: round(loadavg()[0], 2),
      },
      throughput: {
        filings,
        batchSize,
        bufferSize: throughput.bufferSize,
        filingsPerSecond: round(throughput.filingsPerSecond, 0),
        secondHalfFilingsPerSecond: round(
          throughput.secondHalfFilingsPerSecond,
          0,
        ),
        spanMs: throughput.spanMs,
        target: TARGETS.filingsPerSecond,
        met: throughput.filingsPerSecond >= TARGETS.filingsPerSecond,
        ingestCpuPercent: round(throughput.ingestCpuPercent, 0),
        redisCpuPercent: round(throughput.redisCpuPercent, 0),
        benchCpuPercent: round(throughput.benchCpuPercent, 0),
        evalshaUsecPerCall: round(throughput.evalshaUsecPerCall, 2),
      },
      counts: {
        sent: throughput.filingsSent,
        entries: throughput.streamEntries,
        distinct: throughput.distinct,
        lost: throughput.lost,
        duplicated: throughput.duplicated,
        ok: countsOk,
      },
      defaultBuffer: {
        bufferSize: 10_000,
        entries: shipped.streamEntries,
        lost: shipped.lost,
        duplicated: shipped.duplicated,
        droppedByIngest: shipped.droppedByIngest,
        ok: shipped.lost === 0 && shipped.duplicated === 0,
      },
      ceiling: {
        command: ceiling.command,
        builtinXaddTest: ceiling.builtinXaddTest,
        xaddPerSecond: round(ceiling.requestsPerSecond, 0),
        pipelinedXaddPerSecond: round(ceiling.pipelinedRequestsPerSecond, 0),
        ratio: round(ratio, 4),
      },
      stages: {
        filings: stages.filings,
        parseFilingsPerSecond: round(stages.parseFilingsPerSecond, 0),
        publishFilingsPerSecond: round(stages.publishFilingsPerSecond, 0),
        scriptUsecPerCall: round(stages.scriptUsecPerCall, 2),
      },
      latency: {
        rate: latency.rate,
        seconds: latency.seconds,
        samples: latency.latencyMs.count,
        p50Ms: round(latency.latencyMs.p50),
        p90Ms: round(latency.latencyMs.p90),
        p99Ms: round(latency.latencyMs.p99),
        maxMs: round(latency.latencyMs.max),
        lost: latency.lost,
        sentToXaddP99Ms: round(latency.toXaddMs.p99, 1),
        xaddToReadP99Ms: round(latency.xaddToReadMs.p99, 1),
        targetP99Ms: TARGETS.p99Ms,
        met: latency.latencyMs.p99 < TARGETS.p99Ms,
      },
      memory: {
        rssStartKiB: throughput.rssStartKiB,
        rssEndKiB: throughput.rssEndKiB,
        rssPeakKiB: throughput.rssPeakKiB,
        flat: rssFlat,
      },
      durationS: round((Date.now() - startedAt) / 1000, 1),
    };
    await cleanup.runAll();
    console.log(JSON.stringify(summary));
    return countsOk && latencyOk ? 0 : 1;
  } finally {
    await cleanup.runAll();
  }
}

runBenchmark('ingest', main);
