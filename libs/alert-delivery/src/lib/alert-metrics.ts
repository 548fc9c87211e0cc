import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
} from 'prom-client';

/** Every metric of the alerts service at `/metrics`, on its own registry. */
export interface AlertMetrics {
  readonly registry: Registry;
  /** Attempts by channel and outcome: `delivered`, `failed` (retried), `dead_lettered`, `test_delivered`, `test_failed`. */
  readonly deliveries: Counter<'channel' | 'outcome'>;
  /** Attempts after the first of one delivery, by channel. */
  readonly retries: Counter<'channel'>;
  /** From the stream entry's time to the receiver's 2xx, by channel. */
  readonly lag: Histogram<'channel'>;
  /** Deliveries given up into a rule's dead letters, by channel and code. */
  readonly deadLetters: Counter<'channel' | 'code'>;
  /** Deliveries queued, over every rule (sampled). */
  readonly queueDepth: Gauge;
  /** Stream entries matched, and deliveries they queued. */
  readonly entriesRead: Counter;
  readonly deliveriesQueued: Counter;
  /** Runtime failures by code (`ENTRY_UNREADABLE`, `REDIS_UNAVAILABLE`, `LEASE_LOST`...). */
  readonly errors: Counter<'code'>;
}

/** Creates the metrics; `defaults` adds the process metrics (off in tests). */
export function createAlertMetrics(defaults = true): AlertMetrics {
  const registry = new Registry();
  if (defaults)
    collectDefaultMetrics({ register: registry, prefix: 'secfeed_alerts_' });
  const registers = [registry];
  return {
    registry,
    deliveries: new Counter({
      name: 'secfeed_alerts_deliveries_total',
      help: 'Delivery attempts by channel and outcome',
      labelNames: ['channel', 'outcome'],
      registers,
    }),
    retries: new Counter({
      name: 'secfeed_alerts_retries_total',
      help: 'Attempts after the first of one delivery, by channel',
      labelNames: ['channel'],
      registers,
    }),
    lag: new Histogram({
      name: 'secfeed_alerts_delivery_lag_seconds',
      help: 'From the stream entry (its ID time) to the receiver accepting the delivery',
      labelNames: ['channel'],
      buckets: [
        0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800,
        7200,
      ],
      registers,
    }),
    deadLetters: new Counter({
      name: 'secfeed_alerts_dead_letters_total',
      help: 'Deliveries given up into a dead-letter list, by channel and code',
      labelNames: ['channel', 'code'],
      registers,
    }),
    queueDepth: new Gauge({
      name: 'secfeed_alerts_queue_depth',
      help: 'Deliveries queued over every rule',
      registers,
    }),
    entriesRead: new Counter({
      name: 'secfeed_alerts_entries_read_total',
      help: 'Stream entries matched against the rules',
      registers,
    }),
    deliveriesQueued: new Counter({
      name: 'secfeed_alerts_deliveries_queued_total',
      help: 'Deliveries queued by matching',
      registers,
    }),
    errors: new Counter({
      name: 'secfeed_alerts_errors_total',
      help: 'Runtime failures by code',
      labelNames: ['code'],
      registers,
    }),
  };
}
