import { backoffDelay } from '@secfeed/reconnect-policy';

/** The least pause after a 403 or 429: the SEC answers those when it thinks we are too fast. */
export const EDGAR_SLOW_DOWN_MS = 60_000;
/** The SEC's block lasts 10 minutes; waiting longer than that between tries gains nothing. */
const SLOW_DOWN_MAX_MS = 600_000;
const BACKOFF_MAX_MS = 300_000;
// A Retry-After beyond this is treated as a mistake rather than obeyed for days.
const RETRY_AFTER_MAX_MS = 3_600_000;

/** What a failed poll tells the backoff. */
export interface EdgarFailure {
  /** HTTP status, absent when EDGAR did not answer. */
  readonly status?: number;
  /** The `Retry-After` of the answer, in ms. */
  readonly retryAfterMs?: number;
}

/**
 * The pause before the next poll after `attempt` consecutive failures (0 for the first), using
 * the shared `backoffDelay` (exponential, full jitter). Never shorter than the poll interval.
 * A 403 or 429 means "slow down": at least {@link EDGAR_SLOW_DOWN_MS}, growing to 10 minutes,
 * because hammering a blocking SEC only extends the block. `Retry-After` is honoured (up to an
 * hour) when it asks for more.
 *
 * @example
 * ```ts
 * edgarRetryDelay({ status: 500 }, 0, 5000); // 5000
 * edgarRetryDelay({ status: 429 }, 0, 5000); // 60000
 * ```
 */
export function edgarRetryDelay(
  failure: EdgarFailure,
  attempt: number,
  pollIntervalMs: number,
  random: () => number = Math.random,
): number {
  const retryAfter = Math.min(failure.retryAfterMs ?? 0, RETRY_AFTER_MAX_MS);
  if (failure.status === 403 || failure.status === 429) {
    const policy = {
      minDelayMs: EDGAR_SLOW_DOWN_MS,
      maxDelayMs: SLOW_DOWN_MAX_MS,
    };
    return Math.max(
      EDGAR_SLOW_DOWN_MS,
      pollIntervalMs,
      retryAfter,
      backoffDelay(attempt, policy, random),
    );
  }
  const policy = {
    minDelayMs: pollIntervalMs,
    maxDelayMs: Math.max(pollIntervalMs, BACKOFF_MAX_MS),
  };
  return Math.max(
    pollIntervalMs,
    retryAfter,
    backoffDelay(attempt, policy, random),
  );
}

/**
 * `Retry-After` in ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when
 * absent or unreadable.
 */
export function parseRetryAfter(
  value: string | null,
  nowMs: number,
): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
