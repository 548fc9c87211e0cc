import { loadavg } from 'node:os';
import { round } from '../lib/report-format';
import type { IngestRun } from './ingest-run';
import { INGEST_TARGETS } from './ingest-verdicts';

function throughputJson({ settings, measures, verdicts }: IngestRun) {
  const { throughput } = measures;
  return {
    filings: settings.filings,
    batchSize: settings.batchSize,
    bufferSize: throughput.bufferSize,
    filingsPerSecond: round(throughput.filingsPerSecond, 0),
    secondHalfFilingsPerSecond: round(throughput.secondHalfFilingsPerSecond, 0),
    spanMs: throughput.spanMs,
    target: INGEST_TARGETS.filingsPerSecond,
    met: verdicts.throughputMet,
    ingestCpuPercent: round(throughput.ingestCpuPercent, 0),
    redisCpuPercent: round(throughput.redisCpuPercent, 0),
    benchCpuPercent: round(throughput.benchCpuPercent, 0),
    evalshaUsecPerCall: round(throughput.evalshaUsecPerCall, 2),
  };
}

function countsJson({ measures, verdicts }: IngestRun) {
  const { throughput, shipped } = measures;
  return {
    counts: {
      sent: throughput.filingsSent,
      entries: throughput.streamEntries,
      distinct: throughput.distinct,
      lost: throughput.lost,
      duplicated: throughput.duplicated,
      ok: verdicts.countsOk,
    },
    defaultBuffer: {
      bufferSize: 10_000,
      entries: shipped.streamEntries,
      lost: shipped.lost,
      duplicated: shipped.duplicated,
      droppedByIngest: shipped.droppedByIngest,
      ok: verdicts.shippedOk,
    },
  };
}

function ceilingJson({ measures, verdicts }: IngestRun) {
  const { ceiling, stages } = measures;
  return {
    ceiling: {
      command: ceiling.command,
      builtinXaddTest: ceiling.builtinXaddTest,
      xaddPerSecond: round(ceiling.requestsPerSecond, 0),
      pipelinedXaddPerSecond: round(ceiling.pipelinedRequestsPerSecond, 0),
      ratio: round(verdicts.ratio, 4),
    },
    stages: {
      filings: stages.filings,
      parseFilingsPerSecond: round(stages.parseFilingsPerSecond, 0),
      publishFilingsPerSecond: round(stages.publishFilingsPerSecond, 0),
      scriptUsecPerCall: round(stages.scriptUsecPerCall, 2),
    },
  };
}

function latencyJson({ measures, verdicts }: IngestRun) {
  const { latency } = measures;
  return {
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
    targetP99Ms: INGEST_TARGETS.p99Ms,
    met: verdicts.latencyMet,
  };
}

/** The one JSON line, last: every figure of the run (docs/benchmarks.md shows one). */
export function ingestSummary(run: IngestRun) {
  const { throughput } = run.measures;
  return {
    benchmark: 'ingest',
    at: new Date(run.startedAt).toISOString(),
    machine: run.machine,
    loadAverage: {
      start: round(run.loadAtStart, 2),
      end: round(loadavg()[0], 2),
    },
    throughput: throughputJson(run),
    ...countsJson(run),
    ...ceilingJson(run),
    latency: latencyJson(run),
    memory: {
      rssStartKiB: throughput.rssStartKiB,
      rssEndKiB: throughput.rssEndKiB,
      rssPeakKiB: throughput.rssPeakKiB,
      flat: run.verdicts.rssFlat,
    },
    durationS: round((Date.now() - run.startedAt) / 1000, 1),
  };
}
