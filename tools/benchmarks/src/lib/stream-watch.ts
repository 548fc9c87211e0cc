import { setTimeout as sleep } from 'node:timers/promises';
import type { IngestProcess } from './ingest-process';
import { cpuMs, rssKiB } from './proc-stats';
import { redisCpuSeconds, type BenchRedis } from './redis-helpers';

const POLL_MS = 10;

/** The counters at one growth of the stream. */
export interface Snapshot {
  /** `performance.now()`. */
  at: number;
  /** Ingest VmRSS, KiB. */
  rss: number;
  /** Ingest CPU, ms. */
  cpu: number;
  /** Redis CPU, s. */
  redisCpu: number;
  /** This process's CPU. */
  bench: NodeJS.CpuUsage;
}

/** Counters at the first and the last growth of the stream, and the ingest's RSS peak. */
export interface StreamWatch {
  first: Snapshot;
  last: Snapshot;
  rssPeakKiB: number;
  length: number;
}

export interface StreamWatchOptions {
  /** Entries expected: the watch ends when the stream holds as many. */
  expected: number;
  /** Whether the sender has sent every filing. */
  allSent(): boolean;
  /** Give up when the stream has not grown for this long. */
  stallMs: number;
  /** Once every filing is sent, stop when the stream has not grown for this long. */
  quietMs: number;
  log(line: string): void;
}

/**
 * Polls XLEN of `stream` every 10 ms on `redis`, snapshotting the counters at each growth, until
 * it holds `expected` entries or stops growing; throws when the ingest exits or nothing arrives.
 */
export async function watchStream(
  redis: BenchRedis,
  stream: string,
  ingest: IngestProcess,
  options: StreamWatchOptions,
): Promise<StreamWatch> {
  let first: Snapshot | undefined;
  let last: Snapshot | undefined;
  let rssPeakKiB = 0;
  let length = 0;
  let grewAt = Date.now();
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
    const current = await redis.xLen(stream);
    rssPeakKiB = Math.max(rssPeakKiB, rssKiB(ingest.pid) || 0);
    if (current > length) {
      grewAt = Date.now();
      length = current;
      last = await snapshot();
      first ??= last;
    }
    if (length >= options.expected) break;
    // Once everything is sent, a stream that stops growing will not grow again.
    const idleMs = Date.now() - grewAt;
    if (
      idleMs > options.stallMs ||
      (options.allSent() && length > 0 && idleMs > options.quietMs)
    ) {
      options.log(
        `  the stream stopped growing at ${length} of ${options.expected} entries`,
      );
      break;
    }
    await sleep(POLL_MS);
  }
  if (!first || !last)
    throw new Error('throughput phase: nothing was published');
  return { first, last, rssPeakKiB, length };
}
