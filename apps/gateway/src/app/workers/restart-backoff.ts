import {
  backoffDelay,
  resolveRetryPolicy,
  type ResolvedRetryPolicy,
  type RetryPolicy,
} from '@secfeed/reconnect-policy';

/**
 * The default pause before a dead worker is replaced: up to half a second after a worker that
 * ran a minute or more, doubling (with full jitter) for each worker of the same slot that died
 * sooner, up to 30 s. A worker that crashes at start therefore costs a few forks a minute, not
 * a spinning loop.
 */
export const WORKER_RESTART_POLICY: RetryPolicy = {
  minDelayMs: 500,
  maxDelayMs: 30_000,
  factor: 2,
  resetAfterMs: 60_000,
};

/**
 * The restart delays of one worker slot: each death that follows a short life (under
 * `resetAfterMs`) doubles the cap of the next delay (`backoffDelay` of reconnect-policy); a
 * long life starts again from the first.
 *
 * @example
 * const backoff = new RestartBackoff();
 * setTimeout(fork, backoff.next(livedMs));
 */
export class RestartBackoff {
  private readonly policy: ResolvedRetryPolicy;
  private attempt = 0;

  constructor(
    policy: RetryPolicy = WORKER_RESTART_POLICY,
    private readonly random: () => number = Math.random,
  ) {
    this.policy = resolveRetryPolicy(policy);
  }

  /** The pause before replacing a worker that ran `livedMs`, in whole milliseconds. */
  next(livedMs: number): number {
    if (livedMs >= this.policy.resetAfterMs) this.attempt = 0;
    const delay = backoffDelay(this.attempt, this.policy, this.random);
    this.attempt += 1;
    return delay;
  }

  /** Consecutive short-lived deaths so far (0 after a long life). */
  get failures(): number {
    return this.attempt;
  }
}
