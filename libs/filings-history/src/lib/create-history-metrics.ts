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
 * both take them from here. Throws if `registry` already holds the REST ones; the errors
 * counter is shared ({@link gatewayErrorsCounter}).
 */
export function createHistoryMetrics(registry: Registry): HistoryPromMetrics {
  const registers = [registry];
  return {
    errors: gatewayErrorsCounter(registry),
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

const ERRORS = 'secfeed_gateway_errors_total';

/**
 * The gateway's `secfeed_gateway_errors_total{code}` on `registry`: the counter already
 * registered there, or a new one. The REST history and the WebSocket fan-out
 * (`@secfeed/realtime`) both count their refusals in it, so each takes it from here rather
 * than defining it again (a second definition of one name throws in `prom-client`).
 */
export function gatewayErrorsCounter(registry: Registry): Counter<'code'> {
  const existing = registry.getSingleMetric(ERRORS);
  if (existing instanceof Counter) return existing as Counter<'code'>;
  return new Counter({
    name: ERRORS,
    help: 'Error replies and refusals, by code',
    labelNames: ['code'],
    registers: [registry],
  });
}
