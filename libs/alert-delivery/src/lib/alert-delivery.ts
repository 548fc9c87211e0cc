import { createAlertKeys, createRedisKeys } from '@secfeed/redis-keys';
import type { Logger, SecfeedRedis } from '@secfeed/service-runtime';
import type { AlertMetrics } from './alert-metrics';
import { DeliveryScheduler } from './delivery-scheduler';
import {
  DEFAULT_DELIVERY_OPTIONS,
  type DeliveryOptions,
} from './delivery-options';
import { DeliveryStore } from './delivery-store';
import { RuleStore } from './rule-store';
import { StreamMatcher } from './stream-matcher';

export interface AlertDeliveryOptions {
  readonly redis: SecfeedRedis;
  /** `SECFEED_KEY_PREFIX`. */
  readonly keyPrefix: string;
  readonly logger: Logger;
  readonly metrics: AlertMetrics;
  /** This replica's name in the consumer group; unique per replica (host and pid). */
  readonly consumer: string;
  /** Entries left pending this long by a replica are claimed by another. Default 30 s. */
  readonly claimIdleMs?: number;
  /** Where the group starts when it is created: `$` (default) or `0`. */
  readonly groupStart?: string;
  readonly delivery?: Partial<DeliveryOptions>;
}

/** The alerts engine of one replica: rules, matching and delivery, on one Redis. */
export interface AlertDelivery {
  readonly rules: RuleStore;
  readonly store: DeliveryStore;
  readonly options: DeliveryOptions;
  /** Whether the stream reader runs (for `/readyz`). */
  readonly reading: boolean;
  start(): Promise<void>;
  /** Stops reading and delivering; attempts in flight are recorded first. */
  stop(): Promise<void>;
}

/**
 * Wires the alerts engine: the consumer-group matcher feeds per-rule queues that the scheduler
 * delivers. Start several replicas on one Redis and they share the work (docs/alerts.md).
 *
 * @example
 * ```ts
 * const alerts = createAlertDelivery({ redis, keyPrefix: '', logger, metrics, consumer: `${host}-${pid}` });
 * await alerts.start();
 * ```
 */
export function createAlertDelivery(
  options: AlertDeliveryOptions,
): AlertDelivery {
  const { redis, keyPrefix, logger, metrics } = options;
  const stream = createRedisKeys(keyPrefix).stream;
  const keys = createAlertKeys(keyPrefix);
  const delivery = { ...DEFAULT_DELIVERY_OPTIONS, ...options.delivery };
  const store = new DeliveryStore(redis, keys, stream);
  const rules = new RuleStore(redis, keys, (id) => store.ruleKeys(id));
  const scheduler = new DeliveryScheduler(store, delivery, logger, metrics);
  const matcher = new StreamMatcher({
    redis,
    stream,
    keys,
    rules,
    store,
    logger,
    metrics,
    consumer: options.consumer,
    claimIdleMs: options.claimIdleMs ?? 30_000,
    groupStart: options.groupStart ?? '$',
    onQueued: () => scheduler.wake(),
  });
  let depthTimer: NodeJS.Timeout | undefined;
  return {
    rules,
    store,
    options: delivery,
    get reading() {
      return matcher.running;
    },
    async start() {
      await matcher.start();
      scheduler.start();
      depthTimer = setInterval(() => {
        store
          .activeRules()
          .then((ids) => store.depth(ids))
          .then(
            (depth) => metrics.queueDepth.set(depth),
            () => undefined,
          );
      }, 5000);
    },
    async stop() {
      clearInterval(depthTimer);
      await matcher.stop();
      await scheduler.stop();
    },
  };
}
