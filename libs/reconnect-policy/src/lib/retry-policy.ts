/**
 * How a reconnect loop spaces its attempts. Every field is optional; missing fields take the
 * defaults of {@link DEFAULT_RETRY_POLICY}.
 */
export interface RetryPolicy {
  /** Base delay of the first retry, in ms. Must be a finite number >= 1. Default `500`. */
  readonly minDelayMs?: number;
  /** Upper bound of any single delay, in ms. Must be >= `minDelayMs`. Default `30000`. */
  readonly maxDelayMs?: number;
  /** Growth of the delay cap per consecutive failure. Must be >= 1. Default `2`. */
  readonly factor?: number;
  /**
   * A connection that stayed healthy this long (ms) resets the attempt counter, so the next
   * failure starts again at `minDelayMs`. Must be >= 0 (`Infinity` never resets). Default `60000`.
   */
  readonly resetAfterMs?: number;
}

/** A {@link RetryPolicy} with every field present and validated. */
export type ResolvedRetryPolicy = Required<RetryPolicy>;

/** The defaults every reconnecting stream of this library uses. */
export const DEFAULT_RETRY_POLICY: ResolvedRetryPolicy = Object.freeze({
  minDelayMs: 500,
  maxDelayMs: 30_000,
  factor: 2,
  resetAfterMs: 60_000,
});

/**
 * Fills in defaults and validates a retry policy. Bad values are programmer mistakes, so this
 * throws a `RangeError` naming the field instead of failing later at runtime.
 *
 * @example
 * ```ts
 * const policy = resolveRetryPolicy({ minDelayMs: 100 });
 * // { minDelayMs: 100, maxDelayMs: 30000, factor: 2, resetAfterMs: 60000 }
 * ```
 */
export function resolveRetryPolicy(
  policy: RetryPolicy = {},
): ResolvedRetryPolicy {
  const resolved: ResolvedRetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    ...withoutUndefined(policy),
  };
  const { minDelayMs, maxDelayMs, factor, resetAfterMs } = resolved;
  requireThat(
    Number.isFinite(minDelayMs) && minDelayMs >= 1,
    'minDelayMs',
    'a finite number >= 1',
    minDelayMs,
  );
  requireThat(
    Number.isFinite(maxDelayMs) && maxDelayMs >= minDelayMs,
    'maxDelayMs',
    `a finite number >= minDelayMs (${minDelayMs})`,
    maxDelayMs,
  );
  requireThat(
    Number.isFinite(factor) && factor >= 1,
    'factor',
    'a finite number >= 1',
    factor,
  );
  requireThat(resetAfterMs >= 0, 'resetAfterMs', 'a number >= 0', resetAfterMs);
  return Object.freeze(resolved);
}

function withoutUndefined(policy: RetryPolicy): RetryPolicy {
  return Object.fromEntries(
    Object.entries(policy).filter(([, value]) => value !== undefined),
  );
}

function requireThat(
  ok: boolean,
  field: string,
  expected: string,
  actual: unknown,
): void {
  if (!ok) {
    throw new RangeError(
      `retry policy: ${field} must be ${expected}, got ${String(actual)}`,
    );
  }
}
