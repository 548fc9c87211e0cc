import { DedupError, type PublishResult } from '@secfeed/dedup';
import type { Filing } from '@secfeed/filing-model';
import type { Logger } from '@secfeed/service-runtime';
import { backoffDelay, type RetryPolicy } from '@secfeed/reconnect-policy';
import type { IngestMetrics } from '../metrics/ingest-metrics';

/**
 * How much deeper than `bufferSize` the queue may grow while Redis answers: a burst (the
 * upstream's backlog after a reconnect, a full-speed replay) is worth waiting for, an outage
 * is not.
 */
export const BACKLOG_FACTOR = 10;

/** The part of `FilingPublisher` (dedup) the pipeline needs. */
export interface BatchPublisher {
  publishBatch(filings: readonly Filing[]): Promise<PublishResult[]>;
}

/** Options of {@link PublishPipeline}. */
export interface PublishPipelineOptions {
  publisher: BatchPublisher;
  metrics: IngestMetrics;
  logger: Logger;
  /**
   * Filings held in memory while Redis is unavailable; past it, arrivals are dropped and
   * counted. While Redis answers, a burst may queue up to {@link BACKLOG_FACTOR} times this
   * (the drain is catching up, nothing is wrong), so memory stays bounded either way.
   */
  bufferSize: number;
  /**
   * Called for a filing that dedup refuses to key (`DedupError` `INVALID_FILING`: a ticker or
   * form type with a brace, inner whitespace or a control character, a part over 64 UTF-16
   * units). Retrying could never succeed, so the filing leaves the queue here instead of
   * blocking every filing behind it.
   */
  onUnstorable?: (filing: Filing, reason: string) => void;
  /**
   * Called, synchronously inside {@link PublishPipeline.push}, with the filings the full queue
   * refused: the upstream had them and they are not in Redis, so a source that can ask again
   * (the sec-api gap backfill) schedules a backfill from them.
   */
  onDropped?: (filings: readonly Filing[]) => void;
  /**
   * Called with each filing this pipeline published for the first time (not for duplicates),
   * right after Redis acknowledged it: where later stages (insights) start. Must not block;
   * an exception it throws is logged and ignored.
   */
  onPublished?: (
    filing: Filing,
    position: string,
    publishedAtMs: number,
  ) => void;
  /**
   * Called with every filing Redis answered for, published or a duplicate (the per-source
   * tally). Must not block; an exception it throws is logged and ignored.
   */
  onResult?: (filing: Filing, status: 'published' | 'duplicate') => void;
  /** Filings per Redis round trip. Default 500. */
  batchSize?: number;
  /** Backoff between failed publish attempts. Default: 100 ms doubling to 5 s. */
  retry?: RetryPolicy;
  now?: () => number;
}

/**
 * Publishes filings in arrival order, exactly once (through dedup), surviving Redis outages.
 *
 * Filings wait in one bounded in-memory queue. A single drain loop sends them in batches (one
 * pipelined round trip each) and removes a batch only once Redis has acknowledged it, so a batch
 * that fails is sent again, whole, after a backoff: dedup makes the retry safe, and order holds
 * because nothing overtakes the head of the queue. When the queue is full, new arrivals are
 * dropped, counted (`secfeed_ingest_buffer_overflow_total`) and logged with their accession
 * numbers, never silently.
 */
export class PublishPipeline {
  private readonly queue: Filing[] = [];
  private readonly batchSize: number;
  private readonly retry: RetryPolicy;
  private readonly now: () => number;
  private draining = false;
  private closed = false;
  private failures = 0;
  private wake?: () => void;
  private idleWaiters: Array<() => void> = [];
  /** Filings ever accepted into the queue, and ever taken out of it (published or refused). */
  private accepted = 0;
  private removed = 0;
  private settleWaiters: Array<{
    target: number;
    resolve: (ok: boolean) => void;
  }> = [];

  constructor(private readonly options: PublishPipelineOptions) {
    if (!Number.isInteger(options.bufferSize) || options.bufferSize < 1) {
      throw new RangeError(
        `bufferSize must be a whole number >= 1, got ${options.bufferSize}`,
      );
    }
    this.batchSize = options.batchSize ?? 500;
    this.retry = options.retry ?? { minDelayMs: 100, maxDelayMs: 5000 };
    this.now = options.now ?? Date.now;
  }

  /** Filings waiting for Redis. */
  get depth(): number {
    return this.queue.length;
  }

  /** False from the first failed publish until the next one succeeds. */
  get healthy(): boolean {
    return this.failures === 0;
  }

  /** Queues filings for publishing, in order. */
  push(filings: readonly Filing[]): void {
    if (this.closed) throw new Error('PublishPipeline is closed');
    const bound = this.healthy
      ? this.options.bufferSize * BACKLOG_FACTOR
      : this.options.bufferSize;
    const room = bound - this.queue.length;
    const accepted =
      filings.length <= room ? filings : filings.slice(0, Math.max(0, room));
    if (accepted.length < filings.length)
      this.overflow(filings.slice(accepted.length));
    for (const filing of accepted) this.queue.push(filing);
    this.accepted += accepted.length;
    this.options.metrics.buffered.set(this.queue.length);
    void this.drain();
  }

  /** Resolves when the queue is empty, or with false after `timeoutMs`. */
  flush(timeoutMs: number): Promise<boolean> {
    if (this.queue.length === 0 && !this.draining) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
      this.wake?.(); // retry now rather than at the end of a backoff
    });
  }

  /**
   * Resolves true once every filing pushed before this call has left the queue (published, or
   * refused as unstorable), however long Redis is away; false if the pipeline is closed first.
   * With the drop reports of `onDropped`, this tells a source what is safely in Redis.
   */
  settled(): Promise<boolean> {
    if (this.removed >= this.accepted) return Promise.resolve(true);
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) =>
      this.settleWaiters.push({ target: this.accepted, resolve }),
    );
  }

  /** Stops retrying; filings still queued are reported by {@link depth}. */
  close(): void {
    this.closed = true;
    this.settleWaiters.splice(0).forEach((w) => w.resolve(false));
    this.wake?.();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const batch = this.queue.slice(0, this.batchSize);
        const done = await this.publish(batch);
        if (done > 0) this.taken(done);
        else await this.backoff();
        this.options.metrics.buffered.set(this.queue.length);
      }
    } finally {
      this.draining = false;
    }
    if (this.queue.length === 0)
      this.idleWaiters.splice(0).forEach((notify) => notify());
  }

  /** Publishes the head of the queue; resolves with how many filings left it (0: retry). */
  private async publish(batch: Filing[]): Promise<number> {
    const { publisher, metrics } = this.options;
    const started = this.now();
    let results: PublishResult[];
    try {
      results = await publisher.publishBatch(batch);
    } catch (err) {
      if (unstorable(err)) return this.publishEach(batch);
      this.failed(err);
      return 0;
    }
    metrics.publishLatency.observe((this.now() - started) / 1000);
    this.succeeded(batch, results);
    return batch.length;
  }

  /**
   * A batch with a filing dedup cannot key (it sends nothing then): one filing at a time, so
   * that only that one is refused, in order. Stops at a Redis failure, keeping the rest queued.
   */
  private async publishEach(batch: Filing[]): Promise<number> {
    for (const [i, filing] of batch.entries()) {
      try {
        this.succeeded(
          [filing],
          await this.options.publisher.publishBatch([filing]),
        );
      } catch (err) {
        if (!unstorable(err)) {
          this.failed(err);
          return i;
        }
        this.options.onUnstorable?.(filing, (err as Error).message);
      }
    }
    return batch.length;
  }

  private taken(count: number): void {
    this.queue.splice(0, count);
    this.removed += count;
    const waiting = this.settleWaiters;
    this.settleWaiters = waiting.filter((w) => w.target > this.removed);
    for (const w of waiting) if (w.target <= this.removed) w.resolve(true);
  }

  private failed(err: unknown): void {
    const { metrics, logger } = this.options;
    metrics.publishErrors.inc();
    if (this.failures++ === 0) {
      logger.warn(
        { err: (err as Error).message, buffered: this.queue.length },
        'Redis unavailable; buffering filings',
      );
    }
  }

  private succeeded(batch: Filing[], results: PublishResult[]): void {
    const { metrics, logger } = this.options;
    const done = this.now();
    if (this.failures > 0) {
      logger.info(
        { attempts: this.failures, buffered: this.queue.length },
        'Redis back; flushing buffered filings',
      );
      this.failures = 0;
    }
    results.forEach((result, i) => {
      const filing = batch[i];
      if (result.status === 'published') {
        metrics.published.inc({ source: filing.source });
        metrics.lag.observe(Math.max(0, done - filing.filedAtMs) / 1000);
        this.afterPublish(filing, result.position, done);
      } else {
        metrics.duplicates.inc({ source: filing.source });
      }
      this.reportResult(filing, result.status);
    });
  }

  private reportResult(
    filing: Filing,
    status: 'published' | 'duplicate',
  ): void {
    try {
      this.options.onResult?.(filing, status);
    } catch (err) {
      this.options.logger.error(
        { accessionNo: filing.accessionNo, err: (err as Error).message },
        'Result step failed',
      );
    }
  }

  private afterPublish(filing: Filing, position: string, at: number): void {
    try {
      this.options.onPublished?.(filing, position, at);
    } catch (err) {
      this.options.logger.error(
        { accessionNo: filing.accessionNo, err: (err as Error).message },
        'After-publish step failed',
      );
    }
  }

  private backoff(): Promise<void> {
    const delay = backoffDelay(Math.min(this.failures - 1, 30), this.retry);
    return new Promise((resolve) => {
      const timer = setTimeout(done, delay);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  private overflow(dropped: readonly Filing[]): void {
    this.options.metrics.bufferOverflow.inc(dropped.length);
    this.options.onDropped?.(dropped);
    this.options.logger.error(
      {
        dropped: dropped.length,
        buffered: this.queue.length,
        redisFailing: !this.healthy,
        accessionNos: dropped.slice(0, 20).map((f) => f.accessionNo),
      },
      this.healthy
        ? 'Backlog full; filings dropped'
        : 'Buffer full while Redis is unavailable; filings dropped',
    );
  }
}

/** Dedup refused to key a filing: no retry can help. */
function unstorable(err: unknown): boolean {
  return err instanceof DedupError && err.code === 'INVALID_FILING';
}
