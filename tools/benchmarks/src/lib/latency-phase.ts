import { createRedisKeys } from '@secfeed/redis-keys';
import { startSimulator, type Simulator } from '@secfeed/sec-api-simulator';
import { setTimeout as sleep } from 'node:timers/promises';
import { ingestEnv, type BenchContext } from './bench-context';
import { startIngestProcess, type IngestProcess } from './ingest-process';
import { latencySamples } from './latency-samples';
import type { LatencySummary } from './percentiles';
import { startStreamReceiver, type StreamReceiver } from './stream-receiver';

export interface LatencyOptions {
  keyPrefix: string;
  /** Filings per second. */
  rate: number;
  /** Measured seconds, after the warm-up. */
  seconds: number;
  /** Seconds at the start left out of the figures (fresh process, cold JIT). */
  warmupSeconds: number;
}

export interface LatencyResult {
  rate: number;
  seconds: number;
  warmupFilings: number;
  sent: number;
  received: number;
  lost: number;
  /** Frame sent (simulator's onFrame) to entry read by a blocked XREAD, in ms. */
  latencyMs: LatencySummary;
  /**
   * The same split at the XADD, using the ms part of the entry ID (1 ms resolution, Redis
   * clock = this machine's clock): frame sent to XADD (ingest: receive, parse, publish), and
   * XADD to read (Redis wake-up of the blocked reader, reply, this process).
   */
  toXaddMs: LatencySummary;
  xaddToReadMs: LatencySummary;
}

/** What feeds the latency phase: the simulator, the ingest, the reader. */
interface Feed {
  simulator: Simulator;
  ingest: IngestProcess;
  receiver: StreamReceiver;
}

/**
 * Waits until the simulator has sent `limit` filings (progress every 10 s of them), then up to
 * 3 s for the reader to get them; throws when the ingest exits or the feed overruns by 20 s.
 */
async function awaitFeed(
  context: BenchContext,
  { simulator, ingest, receiver }: Feed,
  options: LatencyOptions,
  limit: number,
): Promise<void> {
  const deadline =
    Date.now() + (options.seconds + options.warmupSeconds) * 1000 + 20_000;
  let reported = 0;
  while (simulator.stats().filingsSent < limit) {
    if (!ingest.alive()) {
      throw new Error(
        `ingest exited (${ingest.exitStatus()}):\n${ingest.output().join('\n')}`,
      );
    }
    if (Date.now() > deadline)
      throw new Error('latency phase: the simulator did not finish in time');
    const sent = simulator.stats().filingsSent;
    if (sent - reported >= options.rate * 10) {
      reported = sent;
      context.log(
        `  ${sent}/${limit} sent, ${receiver.receivedAt.size} received`,
      );
    }
    await sleep(100);
  }
  const settle = Date.now() + 3000;
  while (receiver.receivedAt.size < limit && Date.now() < settle)
    await sleep(20);
}

/**
 * A steady feed (one filing per frame) into a fresh ingest, timing each filing from the
 * simulator's `onFrame` to the moment a reader blocked in XREAD on its own connection gets it.
 * Both clocks are this process's `performance.now()`.
 */
export async function latencyPhase(
  context: BenchContext,
  options: LatencyOptions,
): Promise<LatencyResult> {
  const keys = createRedisKeys(options.keyPrefix);
  const warmupFilings = Math.round(options.rate * options.warmupSeconds);
  const limit = warmupFilings + Math.round(options.rate * options.seconds);
  const sentAt = new Map<string, number>();
  const order: string[] = [];
  const simulator = await startSimulator({
    apiKey: context.apiKey,
    rate: options.rate,
    batchSize: 1,
    limit,
    onFrame: (filings) => {
      const now = performance.now();
      for (const filing of filings) {
        if (!sentAt.has(filing.accessionNo)) order.push(filing.accessionNo);
        sentAt.set(filing.accessionNo, now);
      }
    },
  });
  const closeSimulator = context.cleanup.push('latency simulator', () =>
    simulator.close(),
  );
  const receiver = await startStreamReceiver(context.redis, keys.stream);
  const stopReceiver = context.cleanup.push('latency reader', () =>
    receiver.stop(),
  );
  const ingest = startIngestProcess({
    main: context.ingestMain,
    cwd: context.root,
    env: ingestEnv(context, simulator.url, options.keyPrefix),
  });
  context.cleanup.push('kill ingest (latency)', () => ingest.kill());
  const stopIngest = context.cleanup.push('latency ingest', () =>
    ingest.stop(),
  );

  await awaitFeed(context, { simulator, ingest, receiver }, options, limit);
  await stopReceiver();
  await stopIngest();
  await closeSimulator();

  const samples = latencySamples(
    {
      order,
      sentAt,
      receivedAt: receiver.receivedAt,
      entryIds: receiver.entryIds,
      timeOrigin: performance.timeOrigin,
    },
    warmupFilings,
  );
  return {
    rate: options.rate,
    seconds: options.seconds,
    warmupFilings,
    sent: order.length,
    received: receiver.receivedAt.size,
    ...samples,
  };
}
