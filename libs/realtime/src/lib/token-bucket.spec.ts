import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a burst, then the sustained rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 20, () => now);
    const takes = () => Array.from({ length: 25 }, () => bucket.take());
    expect(takes().filter(Boolean)).toHaveLength(20);
    now += 500; // 5 tokens flow back in half a second
    expect(takes().filter(Boolean)).toHaveLength(5);
    now += 10_000; // never above the burst
    expect(takes().filter(Boolean)).toHaveLength(20);
  });

  it('ignores a clock that goes backwards', () => {
    let now = 1000;
    const bucket = new TokenBucket(1, 1, () => now);
    expect(bucket.take()).toBe(true);
    now = 0;
    expect(bucket.take()).toBe(false);
  });

  it('says how long until the next token, without taking one', () => {
    let now = 0;
    const bucket = new TokenBucket(20, 2, () => now);
    expect(bucket.msUntilToken()).toBe(0);
    expect(bucket.msUntilToken()).toBe(0);
    bucket.take();
    bucket.take();
    expect(bucket.msUntilToken()).toBe(50);
    now += 30;
    expect(bucket.msUntilToken()).toBe(20);
    now += 20;
    expect(bucket.msUntilToken()).toBe(0);
    expect(bucket.take()).toBe(true);
  });

  it('refuses a bad rate or burst', () => {
    expect(() => new TokenBucket(0, 1)).toThrow(RangeError);
    expect(() => new TokenBucket(1, 0)).toThrow(RangeError);
  });
});
