import type { InsightsProblem } from '@secfeed/filing-model';
import type { FetchOutcome } from './fetch-submission';
import { nextFetchStep, type ResolvedFetchRetry } from './fetch-retry-policy';

/** The shared fair-access budget, as a fetch needs it ({@link EdgarBudget}). */
export interface RequestBudget {
  take(signal?: AbortSignal): Promise<void>;
  pause(ms: number): Promise<void>;
}

/** What {@link fetchAttempt} needs. */
export interface FetchAttemptDeps {
  readonly budget: RequestBudget;
  /** One request (`fetchSubmission` with the stage's options). */
  readonly fetchOnce: (url: string) => Promise<FetchOutcome>;
  readonly retry: ResolvedFetchRetry;
  /** Aborted when the stage stops. */
  readonly signal: AbortSignal;
  /** Each request's outcome, for metrics (`budget`: the budget could not be read). */
  readonly onOutcome?: (outcome: FetchOutcome | { kind: 'budget' }) => void;
  readonly random?: () => number;
}

/** What one attempt came to. */
export type FetchStep =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'gave-up'; readonly problem: InsightsProblem }
  | { readonly kind: 'retry'; readonly delayMs: number }
  | { readonly kind: 'stopped' };

/**
 * One request for a submission within EDGAR's fair-access budget: a token first (waiting for
 * it), the request, then the retry policy of {@link nextFetchStep}. After a 429 or 403 the
 * shared budget is paused, so every replica holds back and this one's next token comes after
 * the pause (then `retry` in 0 ms). A budget that cannot be read (Redis unavailable) counts as
 * a failed request, retried as a network error. Never throws; the caller waits and calls again.
 *
 * @param attempt the number of this request for the submission (1 for the first).
 */
export async function fetchAttempt(
  url: string,
  attempt: number,
  deps: FetchAttemptDeps,
): Promise<FetchStep> {
  let outcome: FetchOutcome;
  try {
    await deps.budget.take(deps.signal);
    if (deps.signal.aborted) return { kind: 'stopped' };
    outcome = await deps.fetchOnce(url);
    deps.onOutcome?.(outcome);
  } catch (err) {
    deps.onOutcome?.({ kind: 'budget' });
    outcome = {
      kind: 'network',
      message: `fair-access budget unavailable: ${(err as Error).message}`,
    };
  }
  if (deps.signal.aborted) return { kind: 'stopped' };
  if (outcome.kind === 'ok') return { kind: 'text', text: outcome.text };
  const step = nextFetchStep(outcome, attempt, deps.retry, deps.random);
  if (!step.retry) return { kind: 'gave-up', problem: step.problem };
  if (step.throttled) {
    const paused = await deps.budget.pause(step.delayMs).then(
      () => true,
      () => false,
    );
    if (paused) return { kind: 'retry', delayMs: 0 };
  }
  return { kind: 'retry', delayMs: step.delayMs };
}
