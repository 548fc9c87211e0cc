import type { Filing, FilingInsights } from '@secfeed/filing-model';
import { backoffDelay } from '@secfeed/reconnect-policy';
import { fetchAttempt, type FetchAttemptDeps } from './fetch-attempt';
import { fetchSubmission } from './fetch-submission';
import { formHasInsights } from './insights-forms';
import { fetchOutcomeLabel } from './insights-metrics';
import { DropOldestQueue } from './insights-queue';
import {
  resolveInsightsStageOptions,
  type InsightsStageOptions,
  type ResolvedInsightsStageOptions,
} from './insights-stage-options';
import { submissionUrl } from './submission-url';

/** One filing waiting for its insights. */
interface InsightsJob {
  readonly filing: Filing;
  readonly url: string;
  /** When the filing was published (epoch ms): the lag is measured from it. */
  readonly publishedAtMs: number;
  /** Requests made for its submission so far. */
  attempts: number;
}

/** At most one drop line per this many ms (a burst drops many). */
const DROP_LOG_INTERVAL_MS = 1000;

/**
 * The insights stage: after a filing is published, reads its full submission from EDGAR's
 * archive, parses it and publishes the insights (dedup, exactly once) as a stream entry of their
 * own. Never in the filing's way: {@link enqueue} only queues.
 *
 * A bounded queue (queued plus waiting to retry) drops its oldest filing when full, counted and
 * logged. `concurrency` requests at most are in flight, each after a token of the shared
 * fair-access budget; a request to retry (404, 429, 5xx...) waits on a timer, not on a worker.
 * A submission given up is published anyway, with a `DOCUMENT_UNAVAILABLE` problem, so clients
 * know; a publish that Redis refuses is tried again a few times, then logged and counted.
 *
 * @example
 * const stage = new InsightsStage({ archivesUrl, userAgent, budget, publisher, parse, metrics, logger });
 * pipeline.onPublished = (filing) => stage.enqueue(filing);
 */
export class InsightsStage {
  private readonly options: ResolvedInsightsStageOptions;
  private readonly ready: DropOldestQueue<InsightsJob>;
  private readonly waiting = new Map<InsightsJob, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private readonly fetchDeps: FetchAttemptDeps;
  private droppedSinceLog = 0;
  private lastDropLogMs = Number.NEGATIVE_INFINITY;

  constructor(options: InsightsStageOptions) {
    this.options = resolveInsightsStageOptions(options);
    this.ready = new DropOldestQueue(this.options.queueSize);
    const { userAgent, requestTimeoutMs, maxDocumentBytes, fetch, now } =
      this.options;
    this.fetchDeps = {
      budget: this.options.budget,
      retry: this.options.retry,
      signal: this.stopping.signal,
      random: this.options.random,
      fetchOnce: (url) =>
        fetchSubmission(url, {
          userAgent,
          timeoutMs: requestTimeoutMs,
          maxBytes: maxDocumentBytes,
          signal: this.stopping.signal,
          fetch,
          now,
        }),
      onOutcome: (outcome) =>
        this.options.metrics.fetched.inc({
          outcome: fetchOutcomeLabel(outcome),
        }),
    };
  }

  /** Filings waiting for their insights (queued or waiting to retry). */
  get depth(): number {
    return this.ready.length + this.waiting.size;
  }

  /**
   * Queues the insights of a filing just published; returns false (and does nothing) for a
   * form without insights, a filing with no archive URL, or a stopped stage.
   */
  enqueue(filing: Filing, publishedAtMs = this.options.now()): boolean {
    if (this.stopping.signal.aborted || !formHasInsights(filing.formType))
      return false;
    const url = submissionUrl(this.options.archivesUrl, filing);
    if (url === undefined) return false;
    if (this.depth >= this.options.queueSize) {
      const oldest = this.ready.shift();
      if (oldest) this.dropped(oldest);
      else this.dropOldestWaiting();
    }
    this.ready.push({ filing, url, publishedAtMs, attempts: 0 });
    this.changed();
    return true;
  }

  /** Stops at once: requests are aborted, queued filings forgotten (logged with their count). */
  async stop(): Promise<void> {
    if (this.stopping.signal.aborted) return;
    this.stopping.abort();
    const left = this.depth;
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    this.ready.drain();
    this.options.metrics.queueDepth.set(0);
    if (left > 0)
      this.options.logger.info(
        { left },
        'Insights stage stopped with filings waiting',
      );
    await Promise.allSettled([...this.inFlight]);
  }

  /** Starts queued jobs while there is room for them. */
  private changed(): void {
    this.options.metrics.queueDepth.set(this.depth);
    while (
      this.inFlight.size < this.options.concurrency &&
      this.ready.length > 0 &&
      !this.stopping.signal.aborted
    ) {
      const job = this.ready.shift() as InsightsJob;
      const run: Promise<void> = this.run(job)
        .catch((err: Error) =>
          this.options.logger.error(
            { accessionNo: job.filing.accessionNo, err: err.message },
            'Insights stage failed on a filing',
          ),
        )
        .finally(() => {
          this.inFlight.delete(run);
          this.changed();
        });
      this.inFlight.add(run);
    }
    this.options.metrics.queueDepth.set(this.depth);
  }

  private async run(job: InsightsJob): Promise<void> {
    job.attempts += 1;
    const step = await fetchAttempt(job.url, job.attempts, this.fetchDeps);
    switch (step.kind) {
      case 'stopped':
        return;
      case 'retry':
        this.retryLater(job, step.delayMs);
        return;
      case 'gave-up':
        this.options.logger.warn(
          {
            accessionNo: job.filing.accessionNo,
            formType: job.filing.formType,
            url: job.url,
            problem: step.problem,
          },
          'Insights document given up; publishing the problem',
        );
        return this.publish(job, { problems: [step.problem] });
      case 'text':
        return this.publish(job, this.parse(job.filing.formType, step.text));
    }
  }

  private parse(formType: string, text: string): FilingInsights {
    this.options.metrics.parsed.inc();
    try {
      return this.options.parse(formType, text);
    } catch (err) {
      // The parser promises never to throw; if it does, the client still hears of it.
      return {
        problems: [{ code: 'PARSE_FAILED', message: (err as Error).message }],
      };
    }
  }

  private retryLater(job: InsightsJob, delayMs: number): void {
    if (this.stopping.signal.aborted) return;
    const timer = setTimeout(() => {
      this.waiting.delete(job);
      this.ready.push(job); // never full: the job was counted among the waiting
      this.changed();
    }, delayMs);
    this.waiting.set(job, timer);
    this.changed();
  }

  private async publish(
    job: InsightsJob,
    insights: FilingInsights,
  ): Promise<void> {
    const { metrics, publisher, logger, now, publishAttempts } = this.options;
    for (const problem of insights.problems ?? [])
      metrics.problems.inc({ code: String(problem.code) });
    const { filing } = job;
    for (let attempt = 0; attempt < publishAttempts; attempt += 1) {
      if (this.stopping.signal.aborted) return;
      try {
        const { status } = await publisher.publishInsights({
          ...filing,
          insights,
        });
        metrics.published.inc({ status });
        if (status === 'published') {
          const at = now();
          metrics.lag.observe(
            { from: 'filed' },
            Math.max(0, at - filing.filedAtMs) / 1000,
          );
          metrics.lag.observe(
            { from: 'published' },
            Math.max(0, at - job.publishedAtMs) / 1000,
          );
        }
        return;
      } catch (err) {
        if (attempt + 1 === publishAttempts) {
          metrics.published.inc({ status: 'failed' });
          logger.error(
            { accessionNo: filing.accessionNo, err: (err as Error).message },
            'Insights not published: Redis unavailable',
          );
          return;
        }
        await this.sleep(
          backoffDelay(attempt, { minDelayMs: 200, maxDelayMs: 5000 }),
        );
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.stopping.signal.addEventListener('abort', done, { once: true });
    });
  }

  private dropOldestWaiting(): void {
    const [oldest] = this.waiting.keys();
    if (oldest === undefined) return;
    clearTimeout(this.waiting.get(oldest));
    this.waiting.delete(oldest);
    this.dropped(oldest);
  }

  private dropped(job: InsightsJob): void {
    this.options.metrics.dropped.inc();
    this.droppedSinceLog += 1;
    const at = this.options.now();
    if (at - this.lastDropLogMs < DROP_LOG_INTERVAL_MS) return;
    this.options.logger.warn(
      {
        dropped: this.droppedSinceLog,
        accessionNo: job.filing.accessionNo,
        queueSize: this.options.queueSize,
      },
      'Insights queue full; oldest filings dropped without insights',
    );
    this.droppedSinceLog = 0;
    this.lastDropLogMs = at;
  }
}
