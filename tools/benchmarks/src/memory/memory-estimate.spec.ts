import { estimateMemory } from './memory-estimate';

describe('estimateMemory', () => {
  it('scales the measured day to a day of 3,000, a retained week and the steady state', () => {
    // The run of 2026-12-02: 4,655 filings, used_memory +13,830,005 B, stream 5,283,892 B.
    const estimate = estimateMemory(4655, 13_830_005, 5_283_892);
    expect(Math.round(estimate.perFiling)).toBe(2971);
    expect(Math.round(estimate.streamPerFiling)).toBe(1135);
    expect(estimate.retained).toBe(21_000);
    expect((estimate.dayBytes / 1024 / 1024).toFixed(1)).toBe('8.5');
    expect((estimate.weekBytes / 1024 / 1024).toFixed(1)).toBe('59.5');
    expect(estimate.steadyBytes).toBe(estimate.weekBytes);
  });

  it('caps the stream at 100,000 entries', () => {
    // 1 B of stream and 1 B of the rest per filing: the week holds 21,000 of each.
    expect(estimateMemory(10, 20, 10).weekBytes).toBe(42_000);
  });
});
