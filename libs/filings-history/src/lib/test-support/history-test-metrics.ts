import { Counter, Histogram, Registry } from 'prom-client';
import type { HistoryMetrics } from '../history-metrics';

/** The history's metrics on a registry of their own, so specs can read the scrape text. */
export interface HistoryTestMetrics extends HistoryMetrics {
  readonly registry: Registry;
}

/**
 * The three metrics the REST history records, named and labelled as the gateway exports them
 * at `/metrics` (`secfeed_gateway_*`), on a fresh registry.
 */
export function createHistoryTestMetrics(): HistoryTestMetrics {
  const registry = new Registry();
  const registers = [registry];
  return {
    registry,
    errors: new Counter({
      name: 'secfeed_gateway_errors_total',
      help: 'Error replies and refusals, by code',
      labelNames: ['code'],
      registers,
    }),
    httpRequests: new Counter({
      name: 'secfeed_gateway_http_requests_total',
      help: 'REST requests, by route and status',
      labelNames: ['route', 'status'],
      registers,
    }),
    httpLatency: new Histogram({
      name: 'secfeed_gateway_http_latency_seconds',
      help: 'REST request handling time',
      labelNames: ['route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
      registers,
    }),
  };
}
