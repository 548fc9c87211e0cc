import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
} from 'prom-client';
import { SOURCE_LAG_BUCKETS_SECONDS } from '@secfeed/redis-keys';
import {
  createInsightsMetrics,
  type InsightsMetrics,
} from '../insights/insights-metrics';

/** Every metric the ingest service exports at `/metrics`, on its own registry. */
export interface IngestMetrics {
  registry: Registry;
  received: Counter<'source'>;
  published: Counter<'source'>;
  duplicates: Counter<'source'>;
  rejected: Counter<'code'>;
  buffered: Gauge;
  bufferOverflow: Counter;
  publishErrors: Counter;
  upstreamUp: Gauge;
  reconnects: Counter;
  sourceErrors: Counter<'code'>;
  redisUp: Gauge;
  lag: Histogram;
  publishLatency: Histogram;
  backfillRetries: Counter;
  /** Gauge of now minus {@link IngestMetrics.watermarkMs}, computed when scraped. */
  watermarkAge: Gauge;
  /** Epoch ms of the watermark as last read or moved (undefined: none known yet). */
  watermarkMs?: number;
  /** Per source: filings it delivered before any other source (it published them). */
  firstDelivered: Counter<'source'>;
  /** Per source: filings it delivered after they were already published. */
  sourceDuplicates: Counter<'source'>;
  /** Per source: the moment it delivered a filing minus the filing's acceptance, once per filing. */
  firstSeenLag: Histogram<'source'>;
  /** The insights stage's (`secfeed_ingest_insights_*`). */
  insights: InsightsMetrics;
}

/** Creates the ingest metrics; `defaults` adds the process metrics (off in tests). */
export function createIngestMetrics(defaults = true): IngestMetrics {
  const registry = new Registry();
  if (defaults)
    collectDefaultMetrics({ register: registry, prefix: 'secfeed_ingest_' });
  const registers = [registry];
  const metrics: IngestMetrics = {
    registry,
    insights: createInsightsMetrics(registry),
    received: new Counter({
      name: 'secfeed_ingest_filings_received_total',
      help: 'Valid filings received from the upstream (duplicates included)',
      labelNames: ['source'],
      registers,
    }),
    published: new Counter({
      name: 'secfeed_ingest_filings_published_total',
      help: 'Filings published to the stream for the first time',
      labelNames: ['source'],
      registers,
    }),
    duplicates: new Counter({
      name: 'secfeed_ingest_filings_duplicate_total',
      help: 'Filings dropped because their accession number was already published',
      labelNames: ['source'],
      registers,
    }),
    rejected: new Counter({
      name: 'secfeed_ingest_rejected_total',
      help: 'Upstream frames or elements rejected to the dead-letter stream, by code',
      labelNames: ['code'],
      registers,
    }),
    buffered: new Gauge({
      name: 'secfeed_ingest_buffered',
      help: 'Filings held in memory waiting for Redis',
      registers,
    }),
    bufferOverflow: new Counter({
      name: 'secfeed_ingest_buffer_overflow_total',
      help: 'Filings dropped because the in-memory buffer was full',
      registers,
    }),
    publishErrors: new Counter({
      name: 'secfeed_ingest_publish_errors_total',
      help: 'Failed publish attempts (Redis errors); filings stay buffered',
      registers,
    }),
    upstreamUp: new Gauge({
      name: 'secfeed_ingest_upstream_up',
      help: '1 while the upstream is connected or polling',
      registers,
    }),
    reconnects: new Counter({
      name: 'secfeed_ingest_upstream_reconnects_total',
      help: 'Upstream reconnect attempts',
      registers,
    }),
    sourceErrors: new Counter({
      name: 'secfeed_ingest_source_errors_total',
      help: 'Source errors (unreachable feed, backfill failure...), by code',
      labelNames: ['code'],
      registers,
    }),
    redisUp: new Gauge({
      name: 'secfeed_ingest_redis_up',
      help: '1 while Redis answers',
      registers,
    }),
    lag: new Histogram({
      name: 'secfeed_ingest_lag_seconds',
      help: 'From filedAt (acceptance) to published',
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600],
      registers,
    }),
    firstDelivered: new Counter({
      name: 'secfeed_ingest_first_delivered_total',
      help: 'Filings a source delivered before any other source (it published them), by source',
      labelNames: ['source'],
      registers,
    }),
    sourceDuplicates: new Counter({
      name: 'secfeed_ingest_first_delivered_duplicates_total',
      help: 'Filings a source delivered after they were already published, by source',
      labelNames: ['source'],
      registers,
    }),
    firstSeenLag: new Histogram({
      name: 'secfeed_ingest_first_seen_lag_seconds',
      help: "From a filing's acceptance (filedAt) to the moment a source delivered it, once per filing and source",
      labelNames: ['source'],
      buckets: [...SOURCE_LAG_BUCKETS_SECONDS],
      registers,
    }),
    publishLatency: new Histogram({
      name: 'secfeed_ingest_publish_latency_seconds',
      help: 'One publish round trip to Redis (a batch)',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
      registers,
    }),
    backfillRetries: new Counter({
      name: 'secfeed_ingest_backfill_retries_total',
      help: 'Gap backfill attempts scheduled again after a failure (Query API error, timeout, Redis)',
      registers,
    }),
    watermarkAge: new Gauge({
      name: 'secfeed_ingest_watermark_age_seconds',
      help: 'Now minus the filedAt of the watermark: every upstream filing older is published',
      registers,
      collect() {
        if (metrics.watermarkMs !== undefined)
          this.set(Math.max(0, Date.now() - metrics.watermarkMs) / 1000);
      },
    }),
  };
  return metrics;
}
