import { backoffCap, backoffDelay } from './backoff-delay';
import { DEFAULT_RETRY_POLICY } from './retry-policy';

/** Deterministic PRNG (mulberry32) so the property test is reproducible. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('backoffDelay', () => {
  const caps = [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000];

  it('grows the cap exponentially up to maxDelayMs', () => {
    expect(
      caps.map((_, attempt) => backoffCap(attempt, DEFAULT_RETRY_POLICY)),
    ).toEqual(caps);
  });

  it.each([
    [0, [50, 50, 50, 50, 50, 50, 50, 50]],
    [0.5, [275, 525, 1025, 2025, 4025, 8025, 15025, 15025]],
    [0.999, [500, 999, 1998, 3996, 7992, 15984, 29970, 29970]],
  ])(
    'with random fixed at %p stays within [floor, cap] for each attempt',
    (r, expected) => {
      const delays = caps.map((_, attempt) =>
        backoffDelay(attempt, {}, () => r),
      );
      expect(delays).toEqual(expected);
      delays.forEach((delay, attempt) => {
        expect(delay).toBeGreaterThanOrEqual(50);
        expect(delay).toBeLessThanOrEqual(caps[attempt]);
      });
    },
  );

  it('never exceeds maxDelayMs, even when factor ** attempt overflows', () => {
    for (const attempt of [20, 100, 5000]) {
      expect(backoffDelay(attempt, {}, () => 0.999999)).toBeLessThanOrEqual(
        30000,
      );
      expect(backoffDelay(attempt, { maxDelayMs: 1234 }, () => 0.999999)).toBe(
        1234,
      );
    }
  });

  it('spreads many draws uniformly over [floor, cap] (property)', () => {
    const random = seeded(42);
    for (const policy of [
      {},
      { minDelayMs: 10, maxDelayMs: 100, factor: 3 },
      { minDelayMs: 1 },
    ]) {
      for (let attempt = 0; attempt < 12; attempt += 1) {
        const draws = Array.from({ length: 500 }, () =>
          backoffDelay(attempt, policy, random),
        );
        const min = policy.minDelayMs ?? 500;
        const cap = Math.min(
          policy.maxDelayMs ?? 30000,
          min * (policy.factor ?? 2) ** attempt,
        );
        const floor = Math.max(1, min / 10);
        expect(Math.min(...draws)).toBeGreaterThanOrEqual(Math.round(floor));
        expect(Math.max(...draws)).toBeLessThanOrEqual(cap);
        expect(draws.every(Number.isInteger)).toBe(true);
        const mean = draws.reduce((sum, d) => sum + d, 0) / draws.length;
        expect(Math.abs(mean - (floor + cap) / 2)).toBeLessThan(
          (cap - floor) * 0.1 + 1,
        );
      }
    }
  });

  it('never returns 0 ms, so a retry loop cannot spin', () => {
    expect(backoffDelay(0, { minDelayMs: 1 }, () => 0)).toBe(1);
  });

  it('throws for a bad attempt or policy', () => {
    expect(() => backoffDelay(-1)).toThrow(RangeError);
    expect(() => backoffDelay(1.5)).toThrow(/attempt/);
    expect(() => backoffDelay(0, { minDelayMs: 0 })).toThrow(/minDelayMs/);
  });
});
