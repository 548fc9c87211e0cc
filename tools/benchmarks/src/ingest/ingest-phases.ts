import { resolve } from 'node:path';
import type { BenchContext } from '../lib/bench-context';
import { latencyPhase, type LatencyResult } from '../lib/latency-phase';
import { redisCeiling, type RedisCeiling } from '../lib/redis-ceiling';
import { fmt } from '../lib/report-format';
import { stageCeilings, type StageCeilings } from '../lib/stage-ceilings';
import {
  throughputPhase,
  type ThroughputResult,
} from '../lib/throughput-phase';
import type { IngestSettings } from './ingest-settings';

/** What the four phases measured. */
export interface IngestMeasures {
  /** Phase 1 with INGEST_BUFFER_SIZE = the filings sent. */
  throughput: ThroughputResult;
  /** Phase 1 again with the ingest's default INGEST_BUFFER_SIZE. */
  shipped: ThroughputResult;
  ceiling: RedisCeiling;
  stages: StageCeilings;
  latency: LatencyResult;
}

/** The two throughput runs: a buffer as large as the run, then the shipped default. */
async function throughputRuns(
  context: BenchContext,
  settings: IngestSettings,
  runPrefix: string,
): Promise<Pick<IngestMeasures, 'throughput' | 'shipped'>> {
  const { filings, batchSize, cpuProfDir } = settings;
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
  console.log(
    `  ${fmt(throughput.filingsPerSecond)} filings/s, ${fmt(throughput.streamEntries)} entries; ` +
      `again with the ingest's default INGEST_BUFFER_SIZE`,
  );
  const shipped = await throughputPhase(context, {
    keyPrefix: `${runPrefix}tp-default:`,
    filings,
    batchSize,
  });
  return { throughput, shipped };
}

/** Runs the phases one after another, each under its own key prefix of the run. */
export async function runIngestPhases(
  context: BenchContext,
  settings: IngestSettings,
  runPrefix: string,
): Promise<IngestMeasures> {
  const runs = await throughputRuns(context, settings, runPrefix);
  console.log('[2/4] Redis ceiling (redis-benchmark)');
  const ceiling = await redisCeiling(context, `${runPrefix}ceiling:`);
  console.log(
    `[3/4] Stages apart: parse and publish ${fmt(settings.stageFilings)} filings in this process`,
  );
  const stages = await stageCeilings(
    context,
    `${runPrefix}stages:`,
    settings.stageFilings,
    settings.batchSize,
  );
  console.log(
    `[4/4] Latency: 100 filings/s, 1 per frame, ${settings.latencySeconds} s after a 2 s warm-up`,
  );
  const latency = await latencyPhase(context, {
    keyPrefix: `${runPrefix}lat:`,
    rate: 100,
    seconds: settings.latencySeconds,
    warmupSeconds: 2,
  });
  return { ...runs, ceiling, stages, latency };
}
