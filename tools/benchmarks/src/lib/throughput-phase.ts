import { createRedisKeys } from '@secfeed/redis-keys';
import { startSimulator } from '@secfeed/sec-api-simulator';
import { setTimeout as sleep } from 'node:timers/promises';
import { ingestEnv, type BenchContext } from './bench-context';
import { startIngestProcess } from './ingest-process';
import { cpuMs, rssKiB } from './proc-stats';
import {
  commandStats,
  entryMs,
  readAllEntries,
  redisCpuSeconds,
} from './redis-helpers';

export interface ThroughputOptions {
  keyPrefix: string;
  /** Filings the simulator sends, then stops. */
  filings: number;
  /** Filings per WebSocket frame. */
  batchSize: number;
  /** Extra node flags for the ingest child (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  /** `INGEST_BUFFER_SIZE` of the ingest child; default: the ingest's own default. */
  bufferSize?: number;
  /** Give up when the stream has not grown for this long. Default 15 s. */
  stallMs?: number;
  /** Once every filing is sent, stop when the stream has not grown for this long. Default 2 s. */
  quietMs?: number;
}

export interface ThroughputResult {
  batchSize: number;
  filingsSent: number;
  framesSent: number;
  streamEntries: number;
  distinct: number;
  duplicated: number;
  lost: number;
  /** Redis clock: from the first entry's ID to the last one's. */
  spanMs: number;
  filingsPerSecond: number;
  /** Rate over the second half of the entries (warm JIT, steady queue). */
  secondHalfFilingsPerSecond: number;
  /** `INGEST_BUFFER_SIZE` given to the ingest, or undefined for its default. */
  bufferSize?: number;
  /** Observer clock: first XLEN > 0 to the last growth seen, polled every 10 ms. */
  observedSpanMs: number;
  rssStartKiB: number;
  rssEndKiB: number;
  rssPeakKiB: number;
  /** CPU of the ingest process over the span, in % of one core. */
  ingestCpuPercent: number;
  /** CPU of redis-server over the span, in % of one core. */
  redisCpuPercent: number;
  /** CPU of this process (simulator, observer) over the span, in % of one core. */
  benchCpuPercent: number;
  /** EVALSHA calls Redis ran during the phase, and Redis time per call (INFO commandstats). */
  evalshaCalls: number;
  evalshaUsecPerCall: number;
  ingestWarnings: string[];
  /** Filings the ingest logged as dropped because its buffer was full. */
  droppedByIngest: number;
}

const POLL_MS = 10;

interface Snapshot {
  at: number;
  rss: number;
  cpu: number;
  redisCpu: number;
  bench: NodeJS.CpuUsage;
}

/**
 * The simulator at full speed (rate 0) feeding one built ingest process, which publishes into
 * its own key prefix; measures how fast entries land in the stream and checks that each sent
 * filing is there exactly once.
 */
export async function throughputPhase(
  context: BenchContext,
  options: ThroughputOptions,
): Promise<ThroughputResult> {
  const { redis } = context;
  const keys = createRedisKeys(options.keyPrefix);
  const simulator = await startSimulator({
    apiKey: context.apiKey,
    rate: 0,
    batchSize: options.batchSize,
    limit: options.filings,
  });
  const closeSimulator = context.cleanup.push('throughput simulator', () =>
    simulator.close(),
  );
  const evalBefore = await commandStats(redis, 'evalsha');
  let droppedByIngest = 0;
  const ingest = startIngestProcess({
    main: context.ingestMain,
    cwd: context.root,
    env: {
      ...ingestEnv(context, simulator.url, options.keyPrefix),
      ...(options.bufferSize === undefined
        ? {}
        : { INGEST_BUFFER_SIZE: String(options.bufferSize) }),
    },
    nodeArgs: options.nodeArgs,
    onLine: (line) => {
      // PublishPipeline's overflow log: {"dropped":N,...,"msg":"Buffer full ..."}
      if (!line.includes('"dropped"')) return;
      try {
        droppedByIngest += Number(
          (JSON.parse(line) as { dropped?: number }).dropped ?? 0,
        );
      } catch {
        // not a JSON log line
      }
    },
  });
  context.cleanup.push('kill ingest (throughput)', () => ingest.kill());
  const stopIngest = context.cleanup.push('throughput ingest', () =>
    ingest.stop(),
  );

  let first: Snapshot | undefined;
  let last: Snapshot | undefined;
  let rssPeak = 0;
  let length = 0;
  let grewAt = Date.now();
  const stallMs = options.stallMs ?? 15_000;
  const quietMs = options.quietMs ?? 2000;
  const snapshot = async (): Promise<Snapshot> => ({
    at: performance.now(),
    rss: rssKiB(ingest.pid),
    cpu: cpuMs(ingest.pid),
    redisCpu: await redisCpuSeconds(redis),
    bench: process.cpuUsage(),
  });
  for (;;) {
    if (!ingest.alive()) {
      throw new Error(
        `ingest exited (${ingest.exitStatus()}):\n${ingest.output().join('\n')}`,
      );
    }
    const current = await redis.xLen(keys.stream);
    rssPeak = Math.max(rssPeak, rssKiB(ingest.pid) || 0);
    if (current > length) {
      grewAt = Date.now();
      length = current;
      last = await snapshot();
      first ??= last;
    }
    if (length >= options.filings) break;
    // Once everything is sent, a stream that stops growing will not grow again.
    const allSent = simulator.stats().filingsSent >= options.filings;
    const idleMs = Date.now() - grewAt;
    if (idleMs > stallMs || (allSent && length > 0 && idleMs > quietMs)) {
      context.log(
        `  the stream stopped growing at ${length} of ${options.filings} entries`,
      );
      break;
    }
    await sleep(POLL_MS);
  }
  if (!first || !last)
    throw new Error('throughput phase: nothing was published');
  // Anything arriving late would be a duplicate: give it a moment to show.
  await sleep(500);
  const evalAfter = await commandStats(redis, 'evalsha');
  const warnings = ingest.output();
  await stopIngest();
  const stats = simulator.stats();
  const sent = new Set(simulator.sent());
  await closeSimulator();

  const entries = await readAllEntries(redis, keys.stream);
  const accessions = new Set(entries.map((entry) => entry.accessionNo));
  const lost = [...sent].filter((accessionNo) => !accessions.has(accessionNo));
  const n = entries.length;
  const spanMs =
    n > 1 ? entryMs(entries[n - 1].id) - entryMs(entries[0].id) : 0;
  const half = Math.floor(n / 2);
  const halfSpanMs =
    n > 1 ? entryMs(entries[n - 1].id) - entryMs(entries[half].id) : 0;
  const f = first;
  const wallMs = last.at - f.at;
  const benchCpuMs =
    (last.bench.user - f.bench.user + last.bench.system - f.bench.system) /
    1000;
  const calls = evalAfter.calls - evalBefore.calls;
  return {
    batchSize: options.batchSize,
    bufferSize: options.bufferSize,
    filingsSent: stats.filingsSent,
    framesSent: stats.framesSent,
    streamEntries: n,
    distinct: accessions.size,
    duplicated: n - accessions.size,
    lost: lost.length,
    spanMs,
    filingsPerSecond: spanMs > 0 ? ((n - 1) * 1000) / spanMs : Number.NaN,
    secondHalfFilingsPerSecond:
      halfSpanMs > 0 ? ((n - 1 - half) * 1000) / halfSpanMs : Number.NaN,
    observedSpanMs: wallMs,
    rssStartKiB: f.rss,
    rssEndKiB: last.rss,
    rssPeakKiB: rssPeak,
    ingestCpuPercent:
      wallMs > 0 ? ((last.cpu - f.cpu) / wallMs) * 100 : Number.NaN,
    redisCpuPercent:
      wallMs > 0
        ? ((last.redisCpu - f.redisCpu) * 1000 * 100) / wallMs
        : Number.NaN,
    benchCpuPercent: wallMs > 0 ? (benchCpuMs / wallMs) * 100 : Number.NaN,
    evalshaCalls: calls,
    evalshaUsecPerCall:
      calls > 0 ? (evalAfter.usec - evalBefore.usec) / calls : Number.NaN,
    ingestWarnings: warnings,
    droppedByIngest,
  };
}
