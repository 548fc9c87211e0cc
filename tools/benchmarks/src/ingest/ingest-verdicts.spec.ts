import type { LatencyResult } from '../lib/latency-phase';
import type { RedisCeiling } from '../lib/redis-ceiling';
import type { ThroughputResult } from '../lib/throughput-phase';
import { ingestVerdicts } from './ingest-verdicts';

// Run C of docs/benchmarks.md (2026-11-24): 50,000 filings at 3,320/s, RSS 125,120 -> 282,996
// KiB, the default buffer losing 38,950, XADD ceiling 53,191/s, latency p99 23.747 ms.
const throughput = {
  filingsSent: 50_000,
  streamEntries: 50_000,
  distinct: 50_000,
  lost: 0,
  duplicated: 0,
  filingsPerSecond: 3320,
  rssStartKiB: 125_120,
  rssEndKiB: 282_996,
} as ThroughputResult;
const shipped = { lost: 38_950, duplicated: 0 } as ThroughputResult;
const ceiling = { requestsPerSecond: 53_191 } as RedisCeiling;
const latency = {
  lost: 0,
  latencyMs: { count: 3000, p50: 0.983, p90: 4.389, p99: 23.747, max: 106 },
} as LatencyResult;

describe('ingestVerdicts', () => {
  it('judges run C: counts right, default buffer losing, both targets missed, RSS growing', () => {
    const verdicts = ingestVerdicts(
      { throughput, shipped, ceiling, latency },
      50_000,
    );
    expect(verdicts).toMatchObject({
      countsOk: true,
      shippedOk: false,
      throughputMet: false,
      latencyMet: false,
      latencyOk: true,
      rssGrowthKiB: 157_876,
      rssFlat: false,
    });
    expect(verdicts.ratio.toFixed(4)).toBe('0.0624');
  });

  it('counts a filing missing from the stream as wrong', () => {
    const short = { ...throughput, streamEntries: 49_999, lost: 1 };
    expect(
      ingestVerdicts({ throughput: short, shipped, ceiling, latency }, 50_000)
        .countsOk,
    ).toBe(false);
  });

  it('calls RSS flat up to 32 MiB of growth, or a quarter of the start when that is more', () => {
    const grown = (rssEndKiB: number) =>
      ingestVerdicts(
        {
          throughput: { ...throughput, rssEndKiB },
          shipped,
          ceiling,
          latency,
        },
        50_000,
      ).rssFlat;
    // A quarter of 125,120 KiB is 31,280 KiB, below 32 MiB (32,768 KiB).
    expect(grown(125_120 + 32_768)).toBe(true);
    expect(grown(125_120 + 32_769)).toBe(false);
  });
});
