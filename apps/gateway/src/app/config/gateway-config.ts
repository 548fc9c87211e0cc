import { MAX_RETENTION_MS } from '@secfeed/dedup';
import { REALTIME_DEFAULTS, type RealtimeConfig } from '@secfeed/realtime';
import { keyPrefixFromEnv } from '@secfeed/redis-keys';
import {
  ConfigError,
  EnvReader,
  LOG_LEVELS,
  type LogLevel,
} from '@secfeed/service-runtime';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gatewayWorkers } from './gateway-workers';

/**
 * The gateway's whole configuration, built once at start (contracts.md §5, docs/gateway.md); its
 * real-time part is what `@secfeed/realtime` reads.
 */
export interface GatewayConfig extends RealtimeConfig {
  port: number;
  redisUrl: string;
  keyPrefix: string;
  logLevel: LogLevel;
  // authSecret, allowedOrigins, the connection limits and bounds, the heartbeat and the
  // message rate: RealtimeConfig's (GATEWAY_* variables, read below).
  /** History retention the REST API serves (`SECFEED_RETENTION_DAYS`). */
  retentionMs: number;
  /** The built dashboard, served at `/` when it exists. */
  staticDir?: string;
  /** Gateway processes on the one port (`GATEWAY_WORKERS`); 1: no cluster primary. */
  workers: number;
  /**
   * The alerts service (`GATEWAY_ALERTS_URL`, default `http://127.0.0.1:9002`): `/api/alert-rules`
   * is forwarded there, so a browser talks to one origin.
   */
  alertsUrl: string;
}

/** The built dashboard beside the gateway (`dist/apps/filings-feed/browser`), if any. */
function dashboardDir(): string | undefined {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    for (const candidate of [
      join(dir, 'filings-feed/browser'),
      join(dir, 'dist/apps/filings-feed/browser'),
    ]) {
      if (existsSync(join(candidate, 'index.html'))) return candidate;
    }
  }
  return undefined;
}

/** Reads and validates the environment; throws a {@link ConfigError} naming the variable. */
export function loadGatewayConfig(
  environment: NodeJS.ProcessEnv,
): GatewayConfig {
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
  const authSecret = env.raw('GATEWAY_AUTH_SECRET');
  if (authSecret !== undefined && authSecret.length < 32) {
    throw new ConfigError(
      'GATEWAY_AUTH_SECRET',
      'must be at least 32 characters (HS256 needs a 256-bit secret)',
    );
  }
  const origins = env.raw('GATEWAY_ALLOWED_ORIGINS');
  const allowedOrigins = origins
    ? origins
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean)
    : [];
  for (const origin of allowedOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) {
      throw new ConfigError(
        'GATEWAY_ALLOWED_ORIGINS',
        `"${origin}" is not an origin like https://app.example.com`,
      );
    }
  }
  const staticDir = env.raw('GATEWAY_STATIC_DIR') ?? dashboardDir();
  return {
    port: env.port('GATEWAY_PORT', 9000),
    redisUrl: env.urlList('REDIS_URL', 'redis://127.0.0.1:6379', [
      'redis:',
      'rediss:',
    ]),
    keyPrefix,
    logLevel: env.oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
    authSecret,
    allowedOrigins,
    maxConnections: env.int(
      'GATEWAY_MAX_CONNECTIONS',
      REALTIME_DEFAULTS.maxConnections,
      { min: 1 },
    ),
    maxConnectionsPerIp: env.int(
      'GATEWAY_MAX_CONNECTIONS_PER_IP',
      REALTIME_DEFAULTS.maxConnectionsPerIp,
      { min: 0 },
    ),
    sendBufferBytes: env.int(
      'GATEWAY_SEND_BUFFER_BYTES',
      REALTIME_DEFAULTS.sendBufferBytes,
      { min: 1024 },
    ),
    maxPayloadBytes: env.int(
      'GATEWAY_MAX_PAYLOAD_BYTES',
      REALTIME_DEFAULTS.maxPayloadBytes,
      { min: 256, max: 1 << 20 },
    ),
    pingIntervalMs: env.int(
      'GATEWAY_PING_INTERVAL_MS',
      REALTIME_DEFAULTS.pingIntervalMs,
      { min: 100 },
    ),
    pongTimeoutMs: env.int(
      'GATEWAY_PONG_TIMEOUT_MS',
      REALTIME_DEFAULTS.pongTimeoutMs,
      { min: 100 },
    ),
    messageRate: env.positive(
      'GATEWAY_MESSAGE_RATE',
      REALTIME_DEFAULTS.messageRate,
    ),
    // Within what dedup accepts, so one setting never starts one service and stops the other.
    retentionMs: env.daysAsMs('SECFEED_RETENTION_DAYS', 7, MAX_RETENTION_MS),
    staticDir,
    workers: gatewayWorkers(env),
    alertsUrl: alertsUrl(env),
  };
}

/** The alerts service's base: http(s), no path, query or credentials (they would be ignored). */
function alertsUrl(env: EnvReader): string {
  const raw = env.url('GATEWAY_ALERTS_URL', 'http://127.0.0.1:9002', [
    'http:',
    'https:',
  ]);
  const url = new URL(raw);
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigError(
      'GATEWAY_ALERTS_URL',
      'must be a base URL like http://127.0.0.1:9002 (no credentials, query or fragment)',
    );
  }
  if (url.pathname !== '/') {
    throw new ConfigError(
      'GATEWAY_ALERTS_URL',
      'must have no path: /api/alert-rules is appended as the browser asked',
    );
  }
  return url.origin;
}
