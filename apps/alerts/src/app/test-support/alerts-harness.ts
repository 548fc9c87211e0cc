import { createAlertMetrics } from '@secfeed/alert-delivery';
import { createLogger } from '@secfeed/service-runtime';
import { Writable } from 'node:stream';
import { AlertsService } from '../alerts-service';
import { loadAlertsConfig } from '../config/alerts-config';

/** An alerts service in this process, on port 0, its log lines kept. */
export interface AlertsHarness {
  readonly base: string;
  readonly logs: string[];
  readonly service: AlertsService;
  stop(): Promise<void>;
}

/**
 * Starts the production AlertsService with fast test settings (retries in ms, short lease and
 * claim time) under `prefix`, reading the stream from its start; `env` overrides.
 */
export async function startAlerts(
  prefix: string,
  env: Record<string, string> = {},
): Promise<AlertsHarness> {
  const config = loadAlertsConfig({
    ALERTS_PORT: '0',
    SECFEED_KEY_PREFIX: prefix,
    REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    ALERTS_GROUP_START: '0',
    ALERTS_RETRY_BASE_MS: '20',
    ALERTS_RETRY_MAX_MS: '200',
    ALERTS_LEASE_MS: '2000',
    ALERTS_TIMEOUT_MS: '500',
    ALERTS_CLAIM_IDLE_MS: '1000',
    ALERTS_POLL_MS: '50',
    LOG_LEVEL: 'info',
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const service = new AlertsService({
    config,
    logger: createLogger('alerts', config.logLevel, sink),
    metrics: createAlertMetrics(false),
  });
  const port = await service.start();
  return {
    base: `http://127.0.0.1:${port}`,
    logs,
    service,
    stop: () => service.stop(),
  };
}

/** `fetch` of the alerts API with a JSON body. */
export async function api(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body:
      body === undefined
        ? undefined
        : typeof body === 'string'
          ? body
          : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
