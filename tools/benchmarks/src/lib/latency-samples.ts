import { summarize, type LatencySummary } from './percentiles';
import { entryMs } from './redis-helpers';

/** When each filing was sent and read, and its stream entry ID. */
export interface LatencyStamps {
  /** Accession numbers in the order first sent. */
  order: readonly string[];
  /** `performance.now()` at which each frame was written. */
  sentAt: ReadonlyMap<string, number>;
  /** `performance.now()` at which each entry was read. */
  receivedAt: ReadonlyMap<string, number>;
  entryIds: ReadonlyMap<string, string>;
  /** `performance.timeOrigin`: turns the stamps into epoch ms, the clock of entry IDs. */
  timeOrigin: number;
}

export interface LatencySamples {
  /** Filings sent and never read (warm-up included). */
  lost: number;
  latencyMs: LatencySummary;
  toXaddMs: LatencySummary;
  xaddToReadMs: LatencySummary;
}

/**
 * Sent-to-read latency of each filing after the first `warmupFilings`, split at the XADD by
 * the ms part of its entry ID.
 */
export function latencySamples(
  stamps: LatencyStamps,
  warmupFilings: number,
): LatencySamples {
  const latencies: number[] = [];
  const toXadd: number[] = [];
  const xaddToRead: number[] = [];
  const epoch = (monotonic: number) => stamps.timeOrigin + monotonic;
  let lost = 0;
  stamps.order.forEach((accessionNo, index) => {
    const received = stamps.receivedAt.get(accessionNo);
    if (received === undefined) {
      lost++;
      return;
    }
    if (index < warmupFilings) return;
    const sent = stamps.sentAt.get(accessionNo) ?? received;
    latencies.push(received - sent);
    const id = stamps.entryIds.get(accessionNo);
    if (id === undefined) return;
    const xaddMs = entryMs(id);
    toXadd.push(xaddMs - epoch(sent));
    xaddToRead.push(epoch(received) - xaddMs);
  });
  return {
    lost,
    latencyMs: summarize(latencies),
    toXaddMs: summarize(toXadd),
    xaddToReadMs: summarize(xaddToRead),
  };
}
