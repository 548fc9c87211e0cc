import { createRedisKeys } from '@secfeed/redis-keys';
import { startSimulator } from '@secfeed/sec-api-simulator';
import { setTimeout as sleep } from 'node:timers/promises';
import { ingestEnv, type BenchContext } from './bench-context';
import { startIngestProcess } from './ingest-process';
import { commandStats, readAllEntries } from './redis-helpers';
import { watchStream } from './stream-watch';
import { cpuFigures, streamFigures } from './throughput-figures';

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

/** Sums the `dropped` counts of PublishPipeline's overflow log lines ("Buffer full ..."). */
function droppedCounter(): { onLine(line: string): void; dropped(): number } {
  let dropped = 0;
  return {
    onLine: (line) => {
      if (!line.includes('"dropped"')) return;
      try {
        dropped += Number(
          (JSON.parse(line) as { dropped?: number }).dropped ?? 0,
        );
      } catch {
        // not a JSON log line
      }
    },
    dropped: () => dropped,
  };
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
  const dropped = droppedCounter();
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
    onLine: dropped.onLine,
  });
  context.cleanup.push('kill ingest (throughput)', () => ingest.kill());
  const stopIngest = context.cleanup.push('throughput ingest', () =>
    ingest.stop(),
  );
  const watch = await watchStream(redis, keys.stream, ingest, {
    expected: options.filings,
    allSent: () => simulator.stats().filingsSent >= options.filings,
    stallMs: options.stallMs ?? 15_000,
    quietMs: options.quietMs ?? 2000,
    log: context.log,
  });
  // Anything arriving late would be a duplicate: give it a moment to show.
  await sleep(500);
  const evalAfter = await commandStats(redis, 'evalsha');
  const warnings = ingest.output();
  await stopIngest();
  const stats = simulator.stats();
  const sent = new Set(simulator.sent());
  await closeSimulator();

  const entries = await readAllEntries(redis, keys.stream);
  const calls = evalAfter.calls - evalBefore.calls;
  return {
    batchSize: options.batchSize,
    bufferSize: options.bufferSize,
    filingsSent: stats.filingsSent,
    framesSent: stats.framesSent,
    ...streamFigures(entries, sent),
    ...cpuFigures(watch.first, watch.last),
    rssStartKiB: watch.first.rss,
    rssEndKiB: watch.last.rss,
    rssPeakKiB: watch.rssPeakKiB,
    evalshaCalls: calls,
    evalshaUsecPerCall:
      calls > 0 ? (evalAfter.usec - evalBefore.usec) / calls : Number.NaN,
    ingestWarnings: warnings,
    droppedByIngest: dropped.dropped(),
  };
}
