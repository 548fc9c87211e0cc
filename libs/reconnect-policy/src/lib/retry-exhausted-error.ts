/** The stable code of {@link RetryExhaustedError}. */
export const RETRY_EXHAUSTED = 'RETRY_EXHAUSTED';

/**
 * Sent down the error channel by a reconnect loop that reached its `maxAttempts`. The last
 * failure, if the session errored rather than completed, is kept as `cause`.
 */
export class RetryExhaustedError extends Error {
  /** Stable code for logs, metrics and `switch` statements. */
  readonly code = RETRY_EXHAUSTED;

  constructor(
    /** How many sessions in a row failed. */
    readonly attempts: number,
    cause?: unknown,
  ) {
    super(`gave up after ${attempts} failed attempt(s)`, { cause });
    this.name = 'RetryExhaustedError';
  }
}
