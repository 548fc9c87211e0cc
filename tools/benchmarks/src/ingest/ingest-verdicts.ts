import type { IngestMeasures } from './ingest-phases';

export const INGEST_TARGETS = {
  filingsPerSecond: 10_000,
  p99Ms: 5,
};

/** What the figures mean against the targets and the counts. */
export interface IngestVerdicts {
  /** Every filing sent is in the stream once: none lost, none duplicated. */
  countsOk: boolean;
  /** The default buffer lost and duplicated nothing either. */
  shippedOk: boolean;
  throughputMet: boolean;
  latencyMet: boolean;
  /** The latency phase lost nothing. */
  latencyOk: boolean;
  rssGrowthKiB: number;
  /** RSS grew by at most 32 MiB or a quarter of its start, whichever is more. */
  rssFlat: boolean;
  /** Ingest filings/s over redis-benchmark's XADD/s. */
  ratio: number;
}

/** Judges the measures of a run that sent `filings` filings in its throughput phase. */
export function ingestVerdicts(
  measures: Pick<
    IngestMeasures,
    'throughput' | 'shipped' | 'ceiling' | 'latency'
  >,
  filings: number,
): IngestVerdicts {
  const { throughput, shipped, ceiling, latency } = measures;
  const rssGrowthKiB = throughput.rssEndKiB - throughput.rssStartKiB;
  return {
    countsOk:
      throughput.streamEntries === filings &&
      throughput.distinct === filings &&
      throughput.lost === 0 &&
      throughput.duplicated === 0,
    shippedOk: shipped.lost === 0 && shipped.duplicated === 0,
    throughputMet:
      throughput.filingsPerSecond >= INGEST_TARGETS.filingsPerSecond,
    latencyMet: latency.latencyMs.p99 < INGEST_TARGETS.p99Ms,
    latencyOk: latency.lost === 0,
    rssGrowthKiB,
    rssFlat: rssGrowthKiB <= Math.max(32 * 1024, throughput.rssStartKiB * 0.25),
    ratio: throughput.filingsPerSecond / ceiling.requestsPerSecond,
  };
}
