import { DEFAULT_RETRY_POLICY, resolveRetryPolicy } from './retry-policy';

describe('resolveRetryPolicy', () => {
  it('fills in the documented defaults', () => {
    expect(resolveRetryPolicy()).toEqual({
      minDelayMs: 500,
      maxDelayMs: 30000,
      factor: 2,
      resetAfterMs: 60000,
    });
    expect(resolveRetryPolicy({ minDelayMs: undefined })).toEqual(
      DEFAULT_RETRY_POLICY,
    );
  });

  it('keeps the fields that are given', () => {
    expect(
      resolveRetryPolicy({ minDelayMs: 10, resetAfterMs: Infinity }),
    ).toMatchObject({
      minDelayMs: 10,
      maxDelayMs: 30000,
      resetAfterMs: Infinity,
    });
  });

  it.each([
    [{ minDelayMs: 0 }, /minDelayMs/],
    [{ minDelayMs: NaN }, /minDelayMs/],
    [{ maxDelayMs: 100 }, /maxDelayMs/],
    [{ maxDelayMs: Infinity }, /maxDelayMs/],
    [{ factor: 0.5 }, /factor/],
    [{ resetAfterMs: -1 }, /resetAfterMs/],
  ])('throws a RangeError naming the field for %p', (policy, message) => {
    expect(() => resolveRetryPolicy(policy)).toThrow(RangeError);
    expect(() => resolveRetryPolicy(policy)).toThrow(message);
  });
});
