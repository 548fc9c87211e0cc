import { Counter, Histogram, type Registry } from 'prom-client';
import type { HistoryMetrics } from './history-metrics';

/** The REST history's metrics as `prom-client` objects, as {@link createHistoryMetrics} makes them. */
export interface HistoryPromMetrics extends HistoryMetrics {
  readonly errors: Counter<'code'>;
  readonly httpRequests: Counter<'route' | 'status'>;
  readonly httpLatency: Histogram<'route'>;
}

/**
 * Registers on `registry` the metrics the REST history records, with the names, help, labels
 * and buckets the gateway exports at `/metrics` (docs/gateway.md; the names are a public
 * contract): `secfeed_gateway_errors_total{code}` (which the gateway's other refusals count
 * too), `secfeed_gateway_http_requests_total{route,status}` and
 * `secfeed_gateway_http_latency_seconds{route}`. The gateway's metrics and the history's specs
 * both take them from here. Throws if `registry` already holds one of these names.
 */
export function createHistoryMetrics(registry: Registry): HistoryPromMetrics {
  const registers = [registry];
  return {
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
