import { gatewayErrorsCounter } from '@secfeed/filings-history';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The metrics the real-time gateway records, on the registry it is given. */
export interface RealtimeMetrics {
  /** Where they are registered; the rollback watch adds its own there. */
  readonly registry: Registry;
  readonly connections: Gauge;
  readonly subscriptions: Gauge;
  readonly messagesSent: Counter<'type'>;
  readonly bytesSent: Counter;
  readonly slowConsumerCloses: Counter;
  readonly closes: Counter<'code'>;
  readonly errors: Counter<'code'>;
  readonly broadcastLatency: Histogram;
  readonly readerLag: Gauge;
  readonly filingsBroadcast: Counter;
  readonly historyScans: Gauge;
  readonly historyPages: Counter;
}

/**
 * Defines the real-time metrics on `registry`. Their names are a public contract
 * (docs/operations.md): dashboards and alerts read them.
 *
 * @example
 * ```ts
 * const metrics = createRealtimeMetrics(new Registry());
 * createRealtime({ redis, keys, config, metrics, logger });
 * ```
 */
export function createRealtimeMetrics(registry: Registry): RealtimeMetrics {
  const registers = [registry];
  return {
    registry,
    connections: new Gauge({
      name: 'secfeed_gateway_connections',
      help: 'Open WebSocket connections',
      registers,
    }),
    subscriptions: new Gauge({
      name: 'secfeed_gateway_subscriptions',
      help: 'Connections subscribed to filings',
      registers,
    }),
    messagesSent: new Counter({
      name: 'secfeed_gateway_messages_sent_total',
      help: 'Messages sent to clients, by type',
      labelNames: ['type'],
      registers,
    }),
    bytesSent: new Counter({
      name: 'secfeed_gateway_bytes_sent_total',
      help: 'Bytes of messages sent to clients',
      registers,
    }),
    slowConsumerCloses: new Counter({
      name: 'secfeed_gateway_slow_consumer_closes_total',
      help: 'Clients closed because their unsent data passed the bound',
      registers,
    }),
    closes: new Counter({
      name: 'secfeed_gateway_closes_total',
      help: 'Connections closed by the gateway, by close code',
      labelNames: ['code'],
      registers,
    }),
    // Shared with the REST history: the one counter of this name on the registry.
    errors: gatewayErrorsCounter(registry),
    broadcastLatency: new Histogram({
      name: 'secfeed_gateway_broadcast_latency_seconds',
      help: 'From stream entry (its ID time) to the socket write',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers,
    }),
    readerLag: new Gauge({
      name: 'secfeed_gateway_reader_lag_seconds',
      help: 'Age of the newest stream entry the reader delivered, when delivered',
      // With several workers (GATEWAY_WORKERS) the scrape shows the most behind, not a sum.
      aggregator: 'max',
      registers,
    }),
    filingsBroadcast: new Counter({
      name: 'secfeed_gateway_filings_broadcast_total',
      help: 'Stream entries fanned out',
      registers,
    }),
    historyScans: new Gauge({
      name: 'secfeed_gateway_history_scans',
      help: 'Replays and snapshots in progress (reading, paced or waiting for their turn)',
      registers,
    }),
    historyPages: new Counter({
      name: 'secfeed_gateway_history_pages_total',
      help: 'Pages of stream history read from Redis for replays and snapshots',
      registers,
    }),
  };
}
