import { entryMs, type EntryRef } from './redis-helpers';
import type { Snapshot } from './stream-watch';

/** What the stream holds against what was sent, and how fast it filled. */
export interface StreamFigures {
  streamEntries: number;
  distinct: number;
  duplicated: number;
  lost: number;
  /** Redis clock: from the first entry's ID to the last one's. */
  spanMs: number;
  filingsPerSecond: number;
  /** Rate over the second half of the entries. */
  secondHalfFilingsPerSecond: number;
}

/** Counts and rates of `entries` (oldest first) against the accession numbers `sent`. */
export function streamFigures(
  entries: readonly EntryRef[],
  sent: ReadonlySet<string>,
): StreamFigures {
  const accessions = new Set(entries.map((entry) => entry.accessionNo));
  const lost = [...sent].filter((accessionNo) => !accessions.has(accessionNo));
  const n = entries.length;
  const spanMs =
    n > 1 ? entryMs(entries[n - 1].id) - entryMs(entries[0].id) : 0;
  const half = Math.floor(n / 2);
  const halfSpanMs =
    n > 1 ? entryMs(entries[n - 1].id) - entryMs(entries[half].id) : 0;
  return {
    streamEntries: n,
    distinct: accessions.size,
    duplicated: n - accessions.size,
    lost: lost.length,
    spanMs,
    filingsPerSecond: spanMs > 0 ? ((n - 1) * 1000) / spanMs : Number.NaN,
    secondHalfFilingsPerSecond:
      halfSpanMs > 0 ? ((n - 1 - half) * 1000) / halfSpanMs : Number.NaN,
  };
}

/** CPU of the ingest, Redis and this process between two snapshots, in % of one core. */
export interface CpuFigures {
  observedSpanMs: number;
  ingestCpuPercent: number;
  redisCpuPercent: number;
  benchCpuPercent: number;
}

/** The CPU each process used from `first` to `last`, over the wall time between them. */
export function cpuFigures(first: Snapshot, last: Snapshot): CpuFigures {
  const wallMs = last.at - first.at;
  const benchCpuMs =
    (last.bench.user -
      first.bench.user +
      last.bench.system -
      first.bench.system) /
    1000;
  return {
    observedSpanMs: wallMs,
    ingestCpuPercent:
      wallMs > 0 ? ((last.cpu - first.cpu) / wallMs) * 100 : Number.NaN,
    redisCpuPercent:
      wallMs > 0
        ? ((last.redisCpu - first.redisCpu) * 1000 * 100) / wallMs
        : Number.NaN,
    benchCpuPercent: wallMs > 0 ? (benchCpuMs / wallMs) * 100 : Number.NaN,
  };
}
