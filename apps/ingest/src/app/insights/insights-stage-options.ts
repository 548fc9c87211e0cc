import type {
  InsightsPublishResult,
  PublishableInsights,
} from '@secfeed/dedup';
import type { FilingInsights } from '@secfeed/filing-model';
import type { Logger } from '@secfeed/service-runtime';
import type { RequestBudget } from './fetch-attempt';
import {
  FETCH_RETRY_DEFAULTS,
  type FetchRetryOptions,
  type ResolvedFetchRetry,
} from './fetch-retry-policy';
import type { InsightsMetrics } from './insights-metrics';

/** Turns a full submission into insights; never throws (`@secfeed/filing-insights`). */
export type SubmissionParser = (
  formType: string,
  submissionText: string,
) => FilingInsights;

/** The part of dedup's `FilingPublisher` the stage needs. */
export interface InsightsPublisher {
  publishInsights(filing: PublishableInsights): Promise<InsightsPublishResult>;
}

/** Options of {@link InsightsStage}; the first six are required. */
export interface InsightsStageOptions {
  /** EDGAR's archive (`EDGAR_ARCHIVES_URL`), e.g. `https://www.sec.gov`. */
  readonly archivesUrl: string;
  /** `SEC_USER_AGENT`, on every request. */
  readonly userAgent: string;
  /** The fair-access budget every replica shares ({@link EdgarBudget}). */
  readonly budget: RequestBudget;
  readonly publisher: InsightsPublisher;
  readonly parse: SubmissionParser;
  readonly metrics: InsightsMetrics;
  readonly logger: Logger;
  /** Filings waiting for their insights at most (queued or waiting to retry). Default 1000. */
  readonly queueSize?: number;
  /** Submissions fetched, parsed and published at once. Default 4. */
  readonly concurrency?: number;
  /** Deadline of one request, in ms. Default 30000. */
  readonly requestTimeoutMs?: number;
  /** Largest submission read, in bytes. Default 16 MiB. */
  readonly maxDocumentBytes?: number;
  /** Retries of a request; see {@link FetchRetryOptions}. */
  readonly retry?: FetchRetryOptions;
  /** Attempts to publish once Redis fails, 200 ms doubling to 5 s between them. Default 5. */
  readonly publishAttempts?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly random?: () => number;
}

/** {@link InsightsStageOptions} with defaults applied. */
export type ResolvedInsightsStageOptions = Required<
  Omit<InsightsStageOptions, 'fetch' | 'retry'>
> & {
  readonly fetch?: typeof fetch;
  readonly retry: ResolvedFetchRetry;
};

/** Applies defaults; throws RangeError naming a bad option (a programmer mistake). */
export function resolveInsightsStageOptions(
  options: InsightsStageOptions,
): ResolvedInsightsStageOptions {
  const resolved: ResolvedInsightsStageOptions = {
    ...options,
    queueSize: options.queueSize ?? 1000,
    concurrency: options.concurrency ?? 4,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    maxDocumentBytes: options.maxDocumentBytes ?? 16 * 1024 * 1024,
    retry: { ...FETCH_RETRY_DEFAULTS, ...options.retry },
    publishAttempts: options.publishAttempts ?? 5,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
  };
  for (const name of [
    'queueSize',
    'concurrency',
    'requestTimeoutMs',
    'maxDocumentBytes',
    'publishAttempts',
  ] as const) {
    const value = resolved[name];
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(
        `insights stage option ${name} must be a whole number >= 1, got ${value}`,
      );
  }
  for (const [name, value] of Object.entries(resolved.retry)) {
    if (!Number.isFinite(value) || value < (name.endsWith('Attempts') ? 1 : 0))
      throw new RangeError(
        `insights stage option retry.${name} is invalid: ${value}`,
      );
  }
  return resolved;
}
