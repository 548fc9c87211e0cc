import { cpuFigures, streamFigures } from './throughput-figures';

describe('streamFigures', () => {
  it('counts lost and duplicated filings and rates them on the Redis clock of the entry IDs', () => {
    // 5 entries over 2 s (IDs in ms), one accession number twice, one sent but missing.
    const entries = [
      { id: '1764650000000-0', accessionNo: '0000320193-26-000001' },
      { id: '1764650000500-0', accessionNo: '0000320193-26-000002' },
      { id: '1764650001000-0', accessionNo: '0000320193-26-000003' },
      { id: '1764650001000-1', accessionNo: '0000320193-26-000003' },
      { id: '1764650002000-0', accessionNo: '0000320193-26-000004' },
    ];
    const sent = new Set([
      '0000320193-26-000001',
      '0000320193-26-000002',
      '0000320193-26-000003',
      '0000320193-26-000004',
      '0000320193-26-000005',
    ]);
    expect(streamFigures(entries, sent)).toEqual({
      streamEntries: 5,
      distinct: 4,
      duplicated: 1,
      lost: 1,
      spanMs: 2000,
      filingsPerSecond: 2,
      // From the third entry (index 2) to the last: 2 intervals over 1 s.
      secondHalfFilingsPerSecond: 2,
    });
  });

  it('has no rate for a single entry', () => {
    const figures = streamFigures(
      [{ id: '1764650000000-0', accessionNo: '0000320193-26-000001' }],
      new Set(['0000320193-26-000001']),
    );
    expect(figures.spanMs).toBe(0);
    expect(figures.filingsPerSecond).toBeNaN();
  });
});

describe('cpuFigures', () => {
  it('gives each process its CPU over the wall time in % of one core', () => {
    const first = {
      at: 1000,
      rss: 100_000,
      cpu: 5000,
      redisCpu: 12.5,
      bench: { user: 1_000_000, system: 200_000 },
    };
    const last = {
      at: 3000,
      rss: 120_000,
      cpu: 6700,
      redisCpu: 13.1,
      bench: { user: 1_300_000, system: 300_000 },
    };
    const figures = cpuFigures(first, last);
    expect(figures.observedSpanMs).toBe(2000);
    expect(figures.ingestCpuPercent).toBe(85);
    expect(figures.redisCpuPercent).toBeCloseTo(30, 9);
    expect(figures.benchCpuPercent).toBe(20);
  });
});
