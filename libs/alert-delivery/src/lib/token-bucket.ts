/**
 * A token bucket: `ratePerSecond` sustained, bursts of `burst`. {@link reserve} takes a token
 * and says how long to wait for it, so a sequential sender paces itself without polling.
 *
 * @example
 * const bucket = new TokenBucket(1, 1); // Slack: one message a second per webhook
 * if (bucket.wait() === 0) { bucket.take(); send(); }
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private ratePerSecond: number,
    private burst: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) {
      throw new RangeError('TokenBucket: ratePerSecond > 0 and burst >= 1');
    }
    this.tokens = burst;
    this.updatedAt = now();
  }

  /** Changes the rate (a rule was edited); the tokens already earned stay. */
  setRate(ratePerSecond: number, burst: number): void {
    if (ratePerSecond === this.ratePerSecond && burst === this.burst) return;
    this.refill();
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.tokens = Math.min(this.tokens, burst);
  }

  /** Ms until a token is there (0: now); takes nothing. */
  wait(): number {
    this.refill();
    return this.tokens >= 1
      ? 0
      : Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond);
  }

  /** Takes a token, whether or not one is there (call after {@link wait} says 0). */
  take(): void {
    this.refill();
    this.tokens -= 1;
  }

  /** Takes one token; returns the ms to wait before using it (0 when one was there). */
  reserve(): number {
    this.refill();
    this.tokens -= 1;
    return this.tokens >= 0
      ? 0
      : Math.ceil((-this.tokens * 1000) / this.ratePerSecond);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((now - this.updatedAt) * this.ratePerSecond) / 1000,
    );
    this.updatedAt = now;
  }
}
