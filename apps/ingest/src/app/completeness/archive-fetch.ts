import { fetchAttempt, type RequestBudget } from '../insights/fetch-attempt';
import type { ResolvedFetchRetry } from '../insights/fetch-retry-policy';
import {
  fetchSubmission,
  type FetchOutcome,
} from '../insights/fetch-submission';

/** What {@link fetchFromArchive} came to; never thrown. */
export type ArchiveFetchResult =
  | { readonly kind: 'text'; readonly text: string }
  /** 404: the daily index is not published yet, or the header is not posted. */
  | { readonly kind: 'not-found' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'stopped' };

/** What {@link fetchFromArchive} needs. */
export interface ArchiveFetchDeps {
  /** EDGAR's fair-access budget shared by every replica (`EdgarBudget`). */
  readonly budget: RequestBudget;
  /** `SEC_USER_AGENT`, on every request. */
  readonly userAgent: string;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** 429, 403, 5xx, timeouts and network errors retried by it; a 404 is answered at once. */
  readonly retry: ResolvedFetchRetry;
  readonly signal: AbortSignal;
  readonly fetch?: typeof fetch;
}

/**
 * GETs one document of EDGAR's archive within the shared fair-access budget, with the declared
 * User-Agent, retrying what the insights stage retries (`fetchAttempt`), except a 404: that is
 * an answer here (an index not published yet is asked for again much later, by the schedule).
 */
export async function fetchFromArchive(
  url: string,
  deps: ArchiveFetchDeps,
): Promise<ArchiveFetchResult> {
  let last: FetchOutcome | undefined;
  const fetchOnce = async (target: string) =>
    (last = await fetchSubmission(target, {
      userAgent: deps.userAgent,
      timeoutMs: deps.timeoutMs,
      maxBytes: deps.maxBytes,
      signal: deps.signal,
      fetch: deps.fetch,
    }));
  const retry = { ...deps.retry, notFoundAttempts: 1 };
  for (let attempt = 1; ; attempt++) {
    const step = await fetchAttempt(url, attempt, {
      budget: deps.budget,
      fetchOnce,
      retry,
      signal: deps.signal,
    });
    switch (step.kind) {
      case 'text':
        return step;
      case 'stopped':
        return step;
      case 'gave-up': {
        const notFound = last?.kind === 'status' && last.status === 404;
        return notFound
          ? { kind: 'not-found' }
          : { kind: 'failed', message: step.problem.message };
      }
      case 'retry':
        if (!(await sleep(step.delayMs, deps.signal)))
          return { kind: 'stopped' };
    }
  }
}

/** Resolves false when `signal` aborts first. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve(true);
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}
