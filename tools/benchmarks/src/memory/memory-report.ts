import type { MachineInfo } from '../lib/machine-info';
import type { MemoryEstimate } from './memory-estimate';
import { FILINGS_PER_DAY, STREAM_MAX_LEN } from './memory-estimate';
import type { KindSum } from './memory-by-kind';

/** What the memory benchmark measured, for its report. */
export interface MemoryFigures {
  filings: number;
  /** Average JSON of one filing, bytes. */
  jsonBytes: number;
  usedMemoryGrowth: number;
  byKind: Map<string, KindSum>;
  estimate: MemoryEstimate;
  machine: MachineInfo;
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** The lines for people: growth, each kind of key (largest first), day, week, steady state. */
export function memoryReportLines(figures: MemoryFigures): string[] {
  const { filings, estimate } = figures;
  const kinds = [...figures.byKind].sort((a, b) => b[1].bytes - a[1].bytes);
  return [
    `Redis memory of ${filings} real filings (EDGAR, 2020-01-03), ${figures.machine.redis}`,
    `  average filing JSON ${figures.jsonBytes.toFixed(0)} B; used_memory grew ${mib(figures.usedMemoryGrowth)} MiB = ${estimate.perFiling.toFixed(0)} B per filing`,
    ...kinds.map(
      ([kind, sum]) =>
        `  ${kind.padEnd(15)} ${String(sum.keys).padStart(6)} keys  ${mib(sum.bytes).padStart(6)} MiB  ${(sum.bytes / filings).toFixed(0).padStart(5)} B/filing`,
    ),
    `  one day of ${FILINGS_PER_DAY}: ${mib(estimate.dayBytes)} MiB; ` +
      `a retained week (${estimate.retained} filings): ${mib(estimate.weekBytes)} MiB; ` +
      `steady state (everything trimmed by age, the stream also capped at ${STREAM_MAX_LEN}): ${mib(estimate.steadyBytes)} MiB`,
  ];
}

/** The one JSON line, last. */
export function memorySummary(figures: MemoryFigures) {
  const { estimate } = figures;
  return {
    bench: 'redis-memory',
    at: new Date().toISOString(),
    filings: figures.filings,
    jsonBytes: Math.round(figures.jsonBytes),
    bytesPerFiling: Math.round(estimate.perFiling),
    streamBytesPerFiling: Math.round(estimate.streamPerFiling),
    byKind: Object.fromEntries(figures.byKind),
    dayMiB: Number(mib(estimate.dayBytes)),
    weekMiB: Number(mib(estimate.weekBytes)),
    steadyMiB: Number(mib(estimate.steadyBytes)),
    machine: figures.machine,
  };
}
