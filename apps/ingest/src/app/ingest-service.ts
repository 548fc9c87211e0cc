import { FilingPublisher } from '@secfeed/dedup';
import {
  createRedisKeys,
  createSourceSummaryKeys,
  type RedisKeys,
} from '@secfeed/redis-keys';
import {
  closeRedis,
  connectRedis,
  isRedisReady,
  type Logger,
  type Readiness,
  type SecfeedRedis,
} from '@secfeed/service-runtime';
import type { Filing } from '@secfeed/filing-model';
import { insightsFromSubmission } from '@secfeed/filing-insights';
import type {
  IngestReject,
  SourceEvent,
  UpstreamState,
  WatermarkStore,
} from '@secfeed/upstream-sources';
import { Subject, type Observable, type Subscription } from 'rxjs';
import type { IngestConfig } from './config/ingest-config';
import type { IngestMetrics } from './metrics/ingest-metrics';
import { startCompleteness } from './completeness/start-completeness';
import { EdgarBudget } from './insights/edgar-budget';
import { InsightsStage } from './insights/insights-stage';
import type {
  InsightsStageOptions,
  SubmissionParser,
} from './insights/insights-stage-options';
import { writeDeadLetters } from './pipeline/dead-letter-writer';
import { LostWriteRecovery } from './failover/lost-write-recovery';
import { PublishPipeline } from './pipeline/publish-pipeline';
import { newestFiledAt } from './redis/newest-filed-at';
import {
  retentionTrimIntervalMs,
  retentionTrims,
} from './redis/retention-trims';
import { Watermark } from './redis/watermark';
import { SourceTally } from './source-summary/source-tally';
import { startTickers, type RunningTickers } from './tickers/start-tickers';
import type { TickerDirectory } from './tickers/ticker-directory';
import { withExchanges } from './tickers/with-exchanges';

/** What a source may ask of the service. */
export interface SourceContext {
  /** `filedAt` of the newest filing already in Redis, for gap backfills. */
  lastFiledAt(): Promise<string | undefined>;
  /** The durable watermark in Redis (`keys.watermark`). */
  watermark: WatermarkStore;
  /**
   * Resolves true once every filing the source emitted before the call has left the publish
   * queue (published, or refused as unstorable); false if the service stops first.
   */
  settled(): Promise<boolean>;
  /** Filings the publish buffer dropped, as it drops them (to be asked for again). */
  dropped: Observable<readonly Filing[]>;
  /**
   * Takes one request of EDGAR's fair-access budget, shared by every replica (resolves when the
   * request may go); rejects when Redis cannot be asked.
   */
  edgarBudget: () => Promise<void>;
  /** CIK → tickers and exchanges: the shipped copy, refreshed daily when configured. */
  tickers: TickerDirectory;
}

export interface IngestServiceDeps {
  config: IngestConfig;
  logger: Logger;
  metrics: IngestMetrics;
  /** Builds the configured upstream (see source-factory.ts). */
  createSource: (context: SourceContext) => Observable<SourceEvent>;
  /** Reads insights from a full submission. Default `insightsFromSubmission` (`@secfeed/filing-insights`). */
  parseSubmission?: SubmissionParser;
  /** Options of the insights stage the environment does not set (short retries in tests). */
  insights?: Partial<InsightsStageOptions>;
}

/** Upstream states in which the service is doing its job. */
const WORKING = new Set([
  'open',
  'polling',
  'backfilling',
  'backfilled',
  'finished',
]);
/** How long a stop waits for buffered filings to reach Redis. */
const STOP_FLUSH_MS = 5000;

/**
 * The ingest service: holds the upstream and publishes every filing exactly once into Redis.
 * Lifecycle as the seed's: connect Redis, start the source in the background, and on stop
 * close the upstream, flush what is buffered, and quit Redis.
 */
export class IngestService {
  private redis?: SecfeedRedis;
  private keys?: RedisKeys;
  private pipeline?: PublishPipeline;
  private lostWrites?: LostWriteRecovery;
  private insights?: InsightsStage;
  private completeness?: { stop(): Promise<void> };
  private tickers?: RunningTickers;
  private subscription?: Subscription;
  private trims?: Subscription;
  private tally?: SourceTally;
  private readonly dropped = new Subject<readonly Filing[]>();
  private upstream: UpstreamState | { state: 'disabled' | 'starting' } = {
    state: 'starting',
  };
  /** Each source's own state, when several run (`INGEST_SOURCE=sec-api,edgar`). */
  private readonly upstreams = new Map<string, UpstreamState>();

  constructor(private readonly deps: IngestServiceDeps) {}

  async start(): Promise<void> {
    const { config, logger, metrics } = this.deps;
    this.redis = await connectRedis({
      url: config.redisUrl,
      logger,
      onUpChange: (up) => {
        metrics.redisUp.set(up ? 1 : 0);
        this.lostWrites?.redisUp(up);
      },
    });
    const keys = (this.keys = createRedisKeys(config.keyPrefix));
    // What a failover (or a Redis replaced) lost after acknowledging it is published again.
    this.lostWrites = new LostWriteRecovery({
      redis: this.redis,
      streamKey: keys.stream,
      logger,
      registry: metrics.registry,
      republish: (filings) => this.pipeline?.push(filings),
    });
    const filingPublisher = new FilingPublisher(this.redis, {
      keys,
      retentionMs: config.retentionMs,
    });
    const publisher = this.lostWrites.recording(filingPublisher);
    // Publishing trims what is past the retention; so does this, between publishes (quiet hours).
    this.trims = retentionTrims(
      () => filingPublisher.trimExpired(),
      retentionTrimIntervalMs(config.retentionMs),
    ).subscribe((trim) => {
      if ('removed' in trim) {
        if (trim.removed > 0)
          logger.debug({ removed: trim.removed }, 'Retention trim');
      } else if (this.redis && isRedisReady(this.redis)) {
        // A Redis outage is reported where it is detected; anything else is worth a line.
        logger.warn({ err: trim.error.message }, 'Retention trim failed');
      }
    });
    const budget = new EdgarBudget(this.redis, {
      key: keys.edgarBudget,
      requestsPerSecond: config.edgarRequestsPerSecond,
    });
    const tickers = (this.tickers = startTickers({
      config,
      budget,
      registry: metrics.registry,
      logger,
    }));
    const insights = (this.insights = config.insightsEnabled
      ? new InsightsStage({
          archivesUrl: config.edgarArchivesUrl,
          userAgent: config.archivesUserAgent,
          budget,
          publisher: filingPublisher,
          parse: this.deps.parseSubmission ?? insightsFromSubmission,
          metrics: metrics.insights,
          logger,
          ...this.deps.insights,
        })
      : undefined);
    this.completeness = startCompleteness({
      redis: this.redis,
      keys,
      config,
      budget,
      publisher: filingPublisher,
      registry: metrics.registry,
      logger,
      tickers: tickers.directory,
      onPublished: (filing, at) => insights?.enqueue(filing, at),
    });
    if (insights)
      logger.info(
        {
          archivesUrl: config.edgarArchivesUrl,
          requestsPerSecond: config.edgarRequestsPerSecond,
        },
        "Insights from EDGAR's archive",
      );
    const tally = (this.tally = new SourceTally({
      redis: this.redis,
      keys: createSourceSummaryKeys(config.keyPrefix),
      metrics,
      logger,
      retentionMs: config.retentionMs,
    }));
    this.pipeline = new PublishPipeline({
      publisher,
      metrics,
      logger,
      bufferSize: config.bufferSize,
      onResult: (filing, status) => tally.record(filing, status),
      // Queued only: the next filing is never kept waiting by a document.
      onPublished: insights
        ? (filing, _position, at) => insights.enqueue(filing, at)
        : undefined,
      onDropped: (filings) => this.dropped.next(filings),
      // Valid to the model, yet no Redis key can name it: a coded reject, not a stuck queue.
      onUnstorable: (filing, reason) =>
        this.onRejects([
          {
            code: 'FILING_UNSTORABLE',
            source: filing.source,
            raw: filing,
            reasons: [{ field: '', reason }],
          },
        ]),
    });
    if (!config.streamEnabled) {
      this.upstream = { state: 'disabled' };
      logger.info(
        'Stream disabled (STREAM_ENABLED=false): up and healthy, not connected upstream',
      );
      return;
    }
    if (config.sources.includes('sec-api'))
      logger.info('Starting SEC Stream API WebSocket');
    const redis = this.redis;
    const pipeline = this.pipeline;
    const source = this.deps.createSource({
      lastFiledAt: () => newestFiledAt(redis, keys),
      watermark: new Watermark(redis, keys, config.retentionMs),
      settled: () => pipeline.settled(),
      dropped: this.dropped.asObservable(),
      edgarBudget: () => budget.take(),
      tickers: tickers.directory,
    });
    this.subscription = source.subscribe({
      next: (event) => this.onEvent(event),
      error: (err: Error) => {
        this.upstream = { state: 'closed', reason: err.message };
        metrics.upstreamUp.set(0);
        logger.error({ err: err.message }, 'Upstream source failed');
      },
    });
    logger.info({ sources: config.sources }, 'SEC Stream Manager started');
  }

  /** Ready when Redis answers and the upstream runs (or is switched off on purpose). */
  readiness(): Readiness {
    const reasons: string[] = [];
    if (!this.redis || !isRedisReady(this.redis))
      reasons.push('REDIS_UNAVAILABLE');
    if (
      this.upstream.state !== 'disabled' &&
      !WORKING.has(this.upstream.state)
    ) {
      reasons.push(`UPSTREAM_${this.upstream.state.toUpperCase()}`);
    }
    // With several sources, each must be doing its job (one reason per state, not per source).
    for (const { state } of this.upstreams.values()) {
      const reason = `UPSTREAM_${state.toUpperCase()}`;
      if (!WORKING.has(state) && !reasons.includes(reason))
        reasons.push(reason);
    }
    if (this.pipeline && !this.pipeline.healthy)
      reasons.push('PUBLISH_FAILING');
    return {
      ready: reasons.length === 0,
      reasons,
      details: {
        source: this.deps.config.sources.join(','),
        upstream: this.upstream,
        ...(this.upstreams.size > 1
          ? { upstreams: Object.fromEntries(this.upstreams) }
          : {}),
        buffered: this.pipeline?.depth ?? 0,
      },
    };
  }

  async stop(): Promise<void> {
    const { logger } = this.deps;
    this.subscription?.unsubscribe();
    this.trims?.unsubscribe();
    this.lostWrites?.stop();
    await this.completeness?.stop();
    await this.tickers?.stop();
    await this.insights?.stop();
    if (this.pipeline) {
      if (!(await this.pipeline.flush(STOP_FLUSH_MS))) {
        logger.error(
          { buffered: this.pipeline.depth },
          'Stopping with filings not yet in Redis',
        );
      }
      this.pipeline.close();
    }
    await this.tally?.flush();
    if (this.redis) await closeRedis(this.redis);
  }

  private onEvent(event: SourceEvent): void {
    const { metrics, logger } = this.deps;
    switch (event.kind) {
      case 'filings':
        for (const filing of event.filings)
          metrics.received.inc({ source: filing.source });
        // Every source's filings carry their listing's exchange, sec-api.io's included.
        this.pipeline?.push(
          this.tickers
            ? withExchanges(event.filings, this.tickers.directory)
            : event.filings,
        );
        return;
      case 'rejects':
        this.onRejects(event.rejects);
        return;
      case 'state':
        if (event.source !== undefined)
          this.upstreams.set(event.source, event.upstream);
        this.onState(event.upstream, event.source);
        return;
      case 'error':
        metrics.sourceErrors.inc({ code: event.code });
        logger.warn({ code: event.code, err: event.message }, 'Upstream error');
        return;
      case 'backfill-retry':
        metrics.backfillRetries.inc();
        logger.warn(
          { attempt: event.attempt, delayMs: event.delayMs },
          'Backfill retry',
        );
        return;
      case 'watermark':
        metrics.watermarkMs = event.ms;
        logger.debug({ filedAt: event.filedAt }, 'Watermark advanced');
        return;
    }
  }

  private onRejects(rejects: IngestReject[]): void {
    const { metrics, logger } = this.deps;
    for (const reject of rejects) {
      metrics.rejected.inc({ code: reject.code });
      logger.warn(
        {
          code: reject.code,
          source: reject.source,
          reasons: reject.reasons.slice(0, 10),
        },
        'Rejected upstream input',
      );
    }
    if (!this.redis || !this.keys) return;
    writeDeadLetters(this.redis, this.keys.deadLetters, rejects).catch(
      (err: Error) =>
        logger.error(
          { err: err.message, rejects: rejects.length },
          'Dead letters not stored: Redis unavailable',
        ),
    );
  }

  private onState(upstream: UpstreamState, source?: string): void {
    const { metrics, logger } = this.deps;
    this.upstream = upstream;
    const working = [...this.upstreams.values()].every((u) =>
      WORKING.has(u.state),
    );
    metrics.upstreamUp.set(WORKING.has(upstream.state) && working ? 1 : 0);
    if (upstream.state === 'retry') metrics.reconnects.inc();
    const level = upstream.state === 'closed' ? 'warn' : 'info';
    logger[level]({ upstream, source }, `Upstream ${upstream.state}`);
  }
}
