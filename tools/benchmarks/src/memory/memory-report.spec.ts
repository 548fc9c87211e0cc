import { estimateMemory } from './memory-estimate';
import { memoryReportLines, memorySummary } from './memory-report';

// The run of 2026-12-02 before the benchmark was split into modules, and its printed table.
const byKind = new Map([
  ['documents', { keys: 4655, bytes: 5_076_264 }],
  ['ticker indexes', { keys: 819, bytes: 269_096 }],
  ['seen-marks', { keys: 4655, bytes: 558_600 }],
  ['cik indexes', { keys: 1848, bytes: 479_008 }],
  ['form indexes', { keys: 111, bytes: 646_197 }],
  ['all index', { keys: 1, bytes: 747_096 }],
  ['latest', { keys: 1, bytes: 74_512 }],
  ['stream', { keys: 1, bytes: 5_283_892 }],
]);
const usedMemoryGrowth = 2971 * 4655;
const figures = {
  filings: 4655,
  jsonBytes: 922.2,
  usedMemoryGrowth,
  byKind,
  estimate: estimateMemory(4655, usedMemoryGrowth, 5_283_892),
  machine: {
    cores: 2,
    cpuModel: 'Intel(R) Xeon(R) Processor',
    memoryGiB: 23.5,
    os: 'Debian GNU/Linux 12 (bookworm) (12.11)',
    node: 'v20.20.2',
    redis: '7.0.15',
    redisBenchmark: 'redis-benchmark 7.0.15',
  },
};

describe('memoryReportLines', () => {
  it('prints the table as the benchmark always has, largest kind first', () => {
    expect(memoryReportLines(figures)).toEqual([
      'Redis memory of 4655 real filings (EDGAR, 2020-01-03), 7.0.15',
      '  average filing JSON 922 B; used_memory grew 13.2 MiB = 2971 B per filing',
      '  stream               1 keys     5.0 MiB   1135 B/filing',
      '  documents         4655 keys     4.8 MiB   1090 B/filing',
      '  all index            1 keys     0.7 MiB    160 B/filing',
      '  form indexes       111 keys     0.6 MiB    139 B/filing',
      '  seen-marks        4655 keys     0.5 MiB    120 B/filing',
      '  cik indexes       1848 keys     0.5 MiB    103 B/filing',
      '  ticker indexes     819 keys     0.3 MiB     58 B/filing',
      '  latest               1 keys     0.1 MiB     16 B/filing',
      '  one day of 3000: 8.5 MiB; a retained week (21000 filings): 59.5 MiB; steady state (everything trimmed by age, the stream also capped at 100000): 59.5 MiB',
    ]);
  });
});

describe('memorySummary', () => {
  it('rounds the figures of the JSON line', () => {
    expect(memorySummary(figures)).toMatchObject({
      bench: 'redis-memory',
      filings: 4655,
      jsonBytes: 922,
      bytesPerFiling: 2971,
      streamBytesPerFiling: 1135,
      dayMiB: 8.5,
      weekMiB: 59.5,
      steadyMiB: 59.5,
    });
  });
});
