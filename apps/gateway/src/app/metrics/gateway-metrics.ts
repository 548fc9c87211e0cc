import {
  createHistoryMetrics,
  type HistoryPromMetrics,
} from '@secfeed/filings-history';
import { createRealtimeMetrics, type RealtimeMetrics } from '@secfeed/realtime';
import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Every metric the gateway exports at `/metrics`, on its own registry: the WebSocket's
 * (connections, messages, closes, history scans...: `RealtimeMetrics`) and the REST
 * history's (requests, latency: `HistoryPromMetrics`), with the errors counter both count in.
 */
export interface GatewayMetrics extends RealtimeMetrics, HistoryPromMetrics {}

/** Creates the gateway metrics; `defaults` adds the process metrics (off in tests). */
export function createGatewayMetrics(defaults = true): GatewayMetrics {
  const registry = new Registry();
  if (defaults)
    collectDefaultMetrics({ register: registry, prefix: 'secfeed_gateway_' });
  // The two share `secfeed_gateway_errors_total` (gatewayErrorsCounter: one counter object).
  return {
    ...createRealtimeMetrics(registry),
    ...createHistoryMetrics(registry),
  };
}
