import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('lets a burst through, then paces at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(2, 2, () => now);
    expect(bucket.wait()).toBe(0);
    bucket.take();
    bucket.take();
    expect(bucket.wait()).toBe(500);
    now = 499;
    expect(bucket.wait()).toBe(2);
    now = 500;
    expect(bucket.wait()).toBe(0);
  });

  it('never saves more than the burst', () => {
    let now = 0;
    const bucket = new TokenBucket(1, 1, () => now);
    bucket.take();
    now = 60_000;
    bucket.take();
    expect(bucket.wait()).toBe(1000);
  });

  it('reserve takes a token and says how long to wait for it', () => {
    let now = 0;
    const bucket = new TokenBucket(1, 1, () => now);
    expect(bucket.reserve()).toBe(0);
    expect(bucket.reserve()).toBe(1000);
    expect(bucket.reserve()).toBe(2000);
    now = 3000;
    expect(bucket.reserve()).toBe(0);
  });

  it('follows a new rate without minting tokens', () => {
    const now = 0;
    const bucket = new TokenBucket(10, 10, () => now);
    bucket.setRate(1, 1);
    bucket.take();
    expect(bucket.wait()).toBe(1000);
    expect(() => new TokenBucket(0, 1)).toThrow(RangeError);
  });
});
