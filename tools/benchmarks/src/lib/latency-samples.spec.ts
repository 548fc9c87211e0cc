import { latencySamples } from './latency-samples';

describe('latencySamples', () => {
  it('leaves the warm-up out, counts the lost, and splits each latency at the XADD', () => {
    // timeOrigin 1764650000000: a stamp of 100 (performance.now()) is epoch ms 1764650000100.
    const stamps = {
      order: ['A-warm', 'B', 'C', 'D-lost'],
      sentAt: new Map([
        ['A-warm', 0],
        ['B', 100],
        ['C', 200],
        ['D-lost', 300],
      ]),
      receivedAt: new Map([
        ['A-warm', 50],
        ['B', 104],
        ['C', 210],
      ]),
      entryIds: new Map([
        ['A-warm', '1764650000010-0'],
        ['B', '1764650000101-0'],
        ['C', '1764650000208-0'],
      ]),
      timeOrigin: 1_764_650_000_000,
    };
    const samples = latencySamples(stamps, 1);
    expect(samples.lost).toBe(1);
    expect(samples.latencyMs).toMatchObject({ count: 2, p50: 4, max: 10 });
    expect(samples.toXaddMs).toMatchObject({ count: 2, p50: 1, max: 8 });
    expect(samples.xaddToReadMs).toMatchObject({ count: 2, p50: 2, max: 3 });
  });
});
