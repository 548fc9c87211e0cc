import { requestRate } from './request-rate';

describe('requestRate', () => {
  it('counts each calendar second, empty ones included', () => {
    const rate = requestRate([3100, 1000, 1999, 1500]);
    expect(rate.perSecond).toEqual([3, 0, 1]);
    expect(rate.maxPerSecond).toBe(3);
    expect(rate.requests).toBe(4);
  });

  it('finds the busiest 1,000 ms window across a second boundary', () => {
    // Two per calendar second, but four within 1,000 ms from 1600 on.
    const rate = requestRate([1000, 1600, 1900, 2100, 2500, 3700]);
    expect(rate.perSecond).toEqual([3, 2, 1]);
    expect(rate.maxInAnyWindow).toBe(4);
    expect(rate.busiestWindowMs).toEqual([0, 300, 500, 900]);
  });

  it('gives 8 a second for requests 125 ms apart, the window holding 8', () => {
    const times = Array.from({ length: 40 }, (_, i) => 10_000 + i * 125);
    const rate = requestRate(times);
    expect(rate.perSecond).toEqual([8, 8, 8, 8, 8]);
    expect(rate.maxInAnyWindow).toBe(8);
    expect(rate.meanPerSecond).toBeCloseTo(8);
  });

  it('says nothing of an empty or single sample', () => {
    expect(requestRate([])).toMatchObject({ requests: 0, maxPerSecond: 0 });
    expect(requestRate([5]).meanPerSecond).toBeNaN();
    expect(requestRate([5]).perSecond).toEqual([1]);
  });
});
