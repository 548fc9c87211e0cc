import {
  resolveRetryPolicy,
  type ResolvedRetryPolicy,
  type RetryPolicy,
} from './retry-policy';

/**
 * The delay before retry number `attempt + 1`, using exponential backoff with full jitter
 * (AWS Architecture Blog, "Exponential Backoff And Jitter"): the cap grows as
 * `min(maxDelayMs, minDelayMs * factor ^ attempt)` and the delay is drawn uniformly below it.
 *
 * Floor: the draw is taken from `[minDelayMs / 10, cap]` (at least 1 ms), not `[0, cap]`. A
 * 0 ms draw would let a flapping server turn the reconnect loop into a hot loop; one tenth of
 * the base delay keeps the spread of full jitter while guaranteeing a pause.
 *
 * Pure: the same `attempt`, policy and `random` give the same result, which makes it easy to
 * test and to share between the server and the browser.
 *
 * @param attempt Consecutive failures before this one, starting at 0 (integer >= 0).
 * @param policy Retry policy; missing fields take the defaults.
 * @param random Source of uniform numbers in `[0, 1)`. Default `Math.random`.
 * @returns Whole milliseconds in `[max(1, minDelayMs / 10), cap]`.
 * @throws RangeError when `attempt` is not an integer >= 0 or the policy is invalid.
 *
 * @example
 * ```ts
 * backoffDelay(0, {}, () => 0.5); // 275: half way between the 50 ms floor and the 500 ms cap
 * backoffDelay(10, {}, () => 0.999); // 29970: the cap is maxDelayMs (30000)
 * ```
 */
export function backoffDelay(
  attempt: number,
  policy: RetryPolicy = {},
  random: () => number = Math.random,
): number {
  if (!Number.isInteger(attempt) || attempt < 0) {
    throw new RangeError(
      `backoffDelay: attempt must be an integer >= 0, got ${attempt}`,
    );
  }
  const resolved = resolveRetryPolicy(policy);
  const cap = backoffCap(attempt, resolved);
  const floor = Math.min(cap, Math.max(1, resolved.minDelayMs / 10));
  const draw = Math.min(Math.max(random(), 0), 1);
  return Math.round(floor + draw * (cap - floor));
}

/** The upper bound of the delay after `attempt` consecutive failures. */
export function backoffCap(
  attempt: number,
  policy: ResolvedRetryPolicy,
): number {
  // factor ** attempt overflows to Infinity for large attempts; Math.min keeps it at the cap.
  return Math.min(
    policy.maxDelayMs,
    policy.minDelayMs * policy.factor ** attempt,
  );
}
