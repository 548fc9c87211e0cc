import {
  accessPolicyFromEnv,
  type AccessPolicy,
} from '@secfeed/access-control';
import {
  DEFAULT_CHANNEL_ENDPOINTS,
  DEFAULT_DELIVERY_OPTIONS,
  DEFAULT_MAX_RULES,
  type DeliveryOptions,
} from '@secfeed/alert-delivery';
import { keyPrefixFromEnv } from '@secfeed/redis-keys';
import {
  ConfigError,
  EnvReader,
  LOG_LEVELS,
  type LogLevel,
} from '@secfeed/service-runtime';
import { hostname } from 'node:os';

/** The alerts service's whole configuration, built once at start (docs/alerts.md, "Configuration"). */
export interface AlertsConfig {
  port: number;
  redisUrl: string;
  keyPrefix: string;
  logLevel: LogLevel;
  /** The gateway's `GATEWAY_AUTH_SECRET` and `GATEWAY_ALLOWED_ORIGINS`. */
  access: AccessPolicy;
  /** This replica's consumer name in the group. */
  consumer: string;
  claimIdleMs: number;
  groupStart: '$' | '0';
  maxRules: number;
  delivery: DeliveryOptions;
}

const HTTP = ['http:', 'https:'];

/** Reads and validates the environment; throws a {@link ConfigError} naming the variable. */
export function loadAlertsConfig(environment: NodeJS.ProcessEnv): AlertsConfig {
  const env = new EnvReader(environment);
  let keyPrefix: string;
  try {
    keyPrefix = keyPrefixFromEnv(environment);
  } catch (err) {
    throw new ConfigError(
      'SECFEED_KEY_PREFIX',
      (err as Error).message.replace(/^SECFEED_KEY_PREFIX:?\s*/, ''),
    );
  }
  const d = DEFAULT_DELIVERY_OPTIONS;
  const delivery: DeliveryOptions = {
    concurrency: env.int('ALERTS_CONCURRENCY', d.concurrency, {
      min: 1,
      max: 1000,
    }),
    leaseMs: env.int('ALERTS_LEASE_MS', d.leaseMs, { min: 100 }),
    pollMs: env.int('ALERTS_POLL_MS', d.pollMs, { min: 10, max: 60_000 }),
    retryBaseMs: env.int('ALERTS_RETRY_BASE_MS', d.retryBaseMs, { min: 1 }),
    retryMaxMs: env.int('ALERTS_RETRY_MAX_MS', d.retryMaxMs, { min: 1 }),
    maxRetryAfterMs: env.int('ALERTS_MAX_RETRY_AFTER_MS', d.maxRetryAfterMs, {
      min: 0,
    }),
    maxAttempts: env.int('ALERTS_MAX_ATTEMPTS', d.maxAttempts, {
      min: 1,
      max: 10_000,
    }),
    maxAgeMs: env.int('ALERTS_MAX_AGE_MS', d.maxAgeMs, { min: 1 }),
    timeoutMs: env.int('ALERTS_TIMEOUT_MS', d.timeoutMs, { min: 10 }),
    maxPerTurn: d.maxPerTurn,
    endpoints: {
      slack: env.url('ALERTS_SLACK_URL', DEFAULT_CHANNEL_ENDPOINTS.slack, HTTP),
      discord: env.url(
        'ALERTS_DISCORD_URL',
        DEFAULT_CHANNEL_ENDPOINTS.discord,
        HTTP,
      ),
      telegram: env.url(
        'TELEGRAM_API_URL',
        DEFAULT_CHANNEL_ENDPOINTS.telegram,
        HTTP,
      ),
    },
  };
  if (delivery.retryMaxMs < delivery.retryBaseMs) {
    throw new ConfigError(
      'ALERTS_RETRY_MAX_MS',
      'must be at least ALERTS_RETRY_BASE_MS',
    );
  }
  // An attempt must end well inside the lease, or a successor could send while it still runs.
  if (delivery.timeoutMs * 2 > delivery.leaseMs) {
    throw new ConfigError(
      'ALERTS_TIMEOUT_MS',
      'must be at most half of ALERTS_LEASE_MS',
    );
  }
  return {
    port: env.port('ALERTS_PORT', 9002),
    redisUrl: env.urlList('REDIS_URL', 'redis://127.0.0.1:6379', [
      'redis:',
      'rediss:',
    ]),
    keyPrefix,
    logLevel: env.oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
    access: accessPolicyFromEnv(environment),
    consumer: env.string('ALERTS_CONSUMER', `${hostname()}-${process.pid}`),
    claimIdleMs: env.int('ALERTS_CLAIM_IDLE_MS', 30_000, { min: 100 }),
    groupStart: env.oneOf('ALERTS_GROUP_START', '$', ['$', '0'] as const),
    maxRules: env.int('ALERTS_MAX_RULES', DEFAULT_MAX_RULES, {
      min: 1,
      max: 100_000,
    }),
    delivery,
  };
}
