/**
 * A token bucket: `ratePerSecond` tokens flow in continuously up to `burst`; each message takes
 * one. Time comes from `now` so tests need no sleeps.
 *
 * @example
 * ```ts
 * const bucket = new TokenBucket(10, 20);
 * if (!bucket.take()) reply('RATE_LIMITED');
 * ```
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  /**
   * @param ratePerSecond - sustained rate, > 0.
   * @param burst - capacity, >= 1; the bucket starts full.
   * @throws RangeError for a rate or burst out of range.
   */
  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError('ratePerSecond must be > 0');
    if (!(burst >= 1)) throw new RangeError('burst must be >= 1');
    this.tokens = burst;
    this.updatedAt = now();
  }

  /** Takes one token; false when none is left (the message is over the limit). */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is there (0 when one is there now); takes nothing. */
  msUntilToken(): number {
    this.refill();
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(
      this.burst,
      this.tokens + elapsed * this.ratePerSecond,
    );
    this.updatedAt = now;
  }
}
