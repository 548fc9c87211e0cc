import { loadavg } from 'node:os';
import { fmt, verdict } from '../lib/report-format';
import type { IngestRun } from './ingest-run';
import { INGEST_TARGETS } from './ingest-verdicts';

const mib = (kib: number): string => `${fmt(kib / 1024, 1)} MiB`;

/** Throughput, counts, CPU, the default buffer and memory. */
function throughputLines({ measures, verdicts }: IngestRun): string[] {
  const { throughput, shipped } = measures;
  const { rssGrowthKiB } = verdicts;
  return [
    `Throughput (${fmt(throughput.streamEntries)} stream entries, ${throughput.batchSize} filings/frame, ${fmt(throughput.framesSent)} frames, INGEST_BUFFER_SIZE=${throughput.bufferSize}):`,
    `  ${fmt(throughput.filingsPerSecond)} filings/s first to last entry (${fmt(throughput.spanMs)} ms, Redis clock); ` +
      `second half ${fmt(throughput.secondHalfFilingsPerSecond)} filings/s; observed span ${fmt(throughput.observedSpanMs)} ms`,
    `  target >= ${fmt(INGEST_TARGETS.filingsPerSecond)} filings/s: ${verdict(verdicts.throughputMet)}`,
    `  counts: sent ${fmt(throughput.filingsSent)}, entries ${fmt(throughput.streamEntries)}, distinct ${fmt(throughput.distinct)}, ` +
      `lost ${throughput.lost}, duplicated ${throughput.duplicated}: ${verdicts.countsOk ? 'OK' : 'WRONG'}`,
    `  CPU over the span (% of one core): ingest ${fmt(throughput.ingestCpuPercent)}%, redis-server ${fmt(throughput.redisCpuPercent)}%, ` +
      `simulator+observer ${fmt(throughput.benchCpuPercent)}%`,
    `  Redis time per publish script (EVALSHA): ${fmt(throughput.evalshaUsecPerCall, 1)} us over ${fmt(throughput.evalshaCalls)} calls`,
    `With the default INGEST_BUFFER_SIZE (10,000): ${fmt(shipped.streamEntries)} of ${fmt(shipped.filingsSent)} published, ` +
      `lost ${fmt(shipped.lost)} (ingest logged ${fmt(shipped.droppedByIngest)} dropped as "buffer full"), duplicated ${shipped.duplicated}: ` +
      `${verdicts.shippedOk ? 'OK' : 'LOSES FILINGS under a backlog'}`,
    `Memory (ingest RSS, VmRSS): start ${mib(throughput.rssStartKiB)}, end ${mib(throughput.rssEndKiB)}, peak ${mib(throughput.rssPeakKiB)}: ` +
      `${verdicts.rssFlat ? 'flat' : 'GROWING'} (${rssGrowthKiB >= 0 ? '+' : ''}${mib(rssGrowthKiB)})`,
  ];
}

/** The XADD ceiling, the ratio and why it is not like for like, and the stages apart. */
function ceilingLines({ measures, verdicts }: IngestRun): string[] {
  const { throughput, ceiling, stages } = measures;
  return [
    `Ceiling: ${ceiling.command}`,
    `  ${fmt(ceiling.requestsPerSecond)} XADD/s${ceiling.builtinXaddTest ? '' : ' (this redis-benchmark has no "-t xadd" test: explicit XADD command line used)'}; ` +
      `pipelined -P 50: ${fmt(ceiling.pipelinedRequestsPerSecond)} XADD/s`,
    `  ratio ingest / XADD ceiling: ${fmt(verdicts.ratio, 3)}. Not like for like: one ingest publish is a Lua script (GET seen-mark, XADD, ` +
      `SET seen-mark, SET document, ZADD/ZREMRANGE/PEXPIRE on 4-5 sorted sets) costing ${fmt(throughput.evalshaUsecPerCall, 1)} us ` +
      `of Redis time, i.e. at most ${fmt(1e6 / throughput.evalshaUsecPerCall)} publishes/s on one Redis core.`,
    `Stages apart (this process, ${fmt(stages.filings)} filings): parse+validate ${fmt(stages.parseFilingsPerSecond)} filings/s ` +
      `(${fmt(stages.parseUsPerFiling, 1)} us each); publish ${fmt(stages.publishFilingsPerSecond)} filings/s ` +
      `(${fmt(stages.publishUsPerFiling, 1)} us each, ${fmt(stages.scriptUsecPerCall, 1)} us in Redis)`,
  ];
}

/** Latency, its split at the XADD and the target. */
function latencyLines({ measures, verdicts }: IngestRun): string[] {
  const { latency } = measures;
  return [
    `Latency at ${latency.rate} filings/s, ${latency.seconds} s (${fmt(latency.latencyMs.count)} filings after ${latency.warmupFilings} warm-up), frame sent to XREAD:`,
    `  p50 ${fmt(latency.latencyMs.p50, 2)} ms, p90 ${fmt(latency.latencyMs.p90, 2)} ms, p99 ${fmt(latency.latencyMs.p99, 2)} ms, max ${fmt(latency.latencyMs.max, 2)} ms; ` +
      `lost ${latency.lost}`,
    `  split at the XADD (entry ID ms, 1 ms resolution): sent to XADD p50 ${fmt(latency.toXaddMs.p50, 1)} / p99 ${fmt(latency.toXaddMs.p99, 1)} / max ${fmt(latency.toXaddMs.max, 1)} ms; ` +
      `XADD to read p50 ${fmt(latency.xaddToReadMs.p50, 1)} / p99 ${fmt(latency.xaddToReadMs.p99, 1)} / max ${fmt(latency.xaddToReadMs.max, 1)} ms`,
    `  target p99 < ${INGEST_TARGETS.p99Ms} ms: ${verdict(verdicts.latencyMet)}`,
  ];
}

/** The figures in words, then the ingest's last warnings if it wrote any. */
export function ingestReportLines(run: IngestRun): string[] {
  const lines = [
    '',
    '=== Ingest benchmark ===',
    ...throughputLines(run),
    ...ceilingLines(run),
    ...latencyLines(run),
    `Total time ${fmt((Date.now() - run.startedAt) / 1000, 1)} s; load average (1 min) ${run.loadAtStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`,
  ];
  const warnings = run.measures.throughput.ingestWarnings;
  if (warnings.length > 0) {
    lines.push(
      `Ingest wrote ${warnings.length} warning lines; the last:`,
      `  ${warnings.slice(-3).join('\n  ')}`,
    );
  }
  return lines;
}
