import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The metrics of the insights stage, on the ingest service's registry. */
export interface InsightsMetrics {
  /** Requests for a submission by outcome: `ok`, `404`, `429`, `403`, `5xx`, `4xx`, `timeout`, `network`, `too_large`, `budget_unavailable`. */
  fetched: Counter<'outcome'>;
  /** Submissions parsed (fetched and handed to the parser). */
  parsed: Counter;
  /** Problems in published insights, by code (`DOCUMENT_UNAVAILABLE`, the parser's codes). */
  problems: Counter<'code'>;
  /** Insights publishes by result: `published`, `duplicate`, `no-filing`, `failed`. */
  published: Counter<'status'>;
  /** Filings waiting for their insights (queued or waiting to retry). */
  queueDepth: Gauge;
  /** Filings whose insights were dropped because the queue was full. */
  dropped: Counter;
  /** From the filing's `filedAt` (`from="filed"`) or its publication (`from="published"`) to its insights published. */
  lag: Histogram<'from'>;
}

/** Registers the insights metrics on `registry`. */
export function createInsightsMetrics(registry: Registry): InsightsMetrics {
  const registers = [registry];
  return {
    fetched: new Counter({
      name: 'secfeed_ingest_insights_fetched_total',
      help: "Requests for a filing's full submission in EDGAR's archive, by outcome",
      labelNames: ['outcome'],
      registers,
    }),
    parsed: new Counter({
      name: 'secfeed_ingest_insights_parsed_total',
      help: 'Full submissions parsed into insights',
      registers,
    }),
    problems: new Counter({
      name: 'secfeed_ingest_insights_problems_total',
      help: 'Problems reported in published insights, by code',
      labelNames: ['code'],
      registers,
    }),
    published: new Counter({
      name: 'secfeed_ingest_insights_published_total',
      help: 'Insights publishes by result (published, duplicate, no-filing, failed)',
      labelNames: ['status'],
      registers,
    }),
    queueDepth: new Gauge({
      name: 'secfeed_ingest_insights_queue_depth',
      help: 'Filings waiting for their insights (queued or waiting to retry)',
      registers,
    }),
    dropped: new Counter({
      name: 'secfeed_ingest_insights_dropped_total',
      help: 'Filings whose insights were dropped because the queue was full',
      registers,
    }),
    lag: new Histogram({
      name: 'secfeed_ingest_insights_lag_seconds',
      help: 'From the filing filed (from=filed) or published (from=published) to its insights published',
      labelNames: ['from'],
      buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900],
      registers,
    }),
  };
}

/** The `outcome` label of one request. */
export function fetchOutcomeLabel(outcome: {
  kind: string;
  status?: number;
}): string {
  switch (outcome.kind) {
    case 'status': {
      const status = outcome.status ?? 0;
      if ([403, 404, 429].includes(status)) return String(status);
      return status >= 500 ? '5xx' : '4xx';
    }
    case 'too-large':
      return 'too_large';
    case 'budget':
      return 'budget_unavailable';
    default:
      return outcome.kind;
  }
}
