import { TokenBucket } from './token-bucket';

/** Error replies in a row (with no valid message between) before a client is closed (policy). */
export const MAX_CONSECUTIVE_ERRORS = 10;

/** What to do with one client message. */
export type Admission = 'accept' | 'rate-limited' | 'close-rate-limited';

/**
 * The per-client guard against abuse: a token bucket (`messageRate` per second, bursts of twice
 * that) and a count of consecutive bad messages.
 *
 * A message over the rate gets a RATE_LIMITED reply; a client still sending after a whole burst
 * of refusals (as many refused messages as the burst, none accepted between) is flooding and is
 * closed. The same holds for {@link MAX_CONSECUTIVE_ERRORS} bad messages in a row.
 *
 * @example
 * ```ts
 * const guard = new MessageGuard(config.messageRate);
 * if (guard.admit() !== 'accept') ...
 * ```
 */
export class MessageGuard {
  private readonly bucket: TokenBucket;
  private readonly burst: number;
  private refusedInARow = 0;
  private errorsInARow = 0;

  constructor(messageRate: number, now: () => number = Date.now) {
    this.burst = Math.max(1, Math.ceil(messageRate * 2));
    this.bucket = new TokenBucket(messageRate, this.burst, now);
  }

  /** Takes a token for one incoming message. */
  admit(): Admission {
    if (this.bucket.take()) {
      this.refusedInARow = 0;
      return 'accept';
    }
    this.refusedInARow += 1;
    return this.refusedInARow >= this.burst
      ? 'close-rate-limited'
      : 'rate-limited';
  }

  /** Records a bad message; true when the client has now sent too many in a row. */
  recordError(): boolean {
    this.errorsInARow += 1;
    return this.errorsInARow >= MAX_CONSECUTIVE_ERRORS;
  }

  /** Records a valid message, which ends a streak of bad ones. */
  recordValid(): void {
    this.errorsInARow = 0;
  }
}
