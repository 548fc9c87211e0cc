import { checkAccess } from '@secfeed/access-control';
import {
  createAlertDelivery,
  type AlertDelivery,
  type AlertMetrics,
} from '@secfeed/alert-delivery';
import { backoffDelay } from '@secfeed/reconnect-policy';
import {
  closeRedis,
  connectRedis,
  createHealthHandler,
  handleClientError,
  isRedisReady,
  sendError,
  type Logger,
  type Readiness,
  type SecfeedRedis,
} from '@secfeed/service-runtime';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRulesApi } from './api/rules-api';
import type { AlertsConfig } from './config/alerts-config';

export interface AlertsServiceDeps {
  config: AlertsConfig;
  logger: Logger;
  metrics: AlertMetrics;
}

const CORS_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';

/**
 * The alerts service: one HTTP server (`ALERTS_PORT`, default 9002) for `/healthz`, `/readyz`,
 * `/metrics` and the rules API, and the delivery engine on Redis. It listens before Redis
 * answers (`/readyz` says `REDIS_UNAVAILABLE`, `/api` answers 503 until then).
 */
export class AlertsService {
  private redis?: SecfeedRedis;
  private alerts?: AlertDelivery;
  private api?: ReturnType<typeof createRulesApi>;
  private server?: Server;
  private backend?: Promise<void>;
  private readonly stopping = new AbortController();

  constructor(private readonly deps: AlertsServiceDeps) {}

  /** Listens, then connects to Redis (retrying while it is down) and starts delivering. */
  async start(): Promise<number> {
    const port = await this.listen();
    this.backend = this.connectBackend();
    await this.backend;
    return port;
  }

  readiness(): Readiness {
    const reasons: string[] = [];
    if (!this.redis || !isRedisReady(this.redis))
      reasons.push('REDIS_UNAVAILABLE');
    if (!this.alerts?.reading) reasons.push('STREAM_READER_STOPPED');
    return { ready: reasons.length === 0, reasons };
  }

  /** Stops reading and delivering (attempts in flight are recorded), closes the server and Redis. */
  async stop(): Promise<void> {
    this.stopping.abort(new Error('the alerts service is stopping'));
    const server = this.server;
    const closed = new Promise<void>((resolve) =>
      server ? server.close(() => resolve()) : resolve(),
    );
    server?.closeIdleConnections();
    await this.backend?.catch(() => undefined);
    await this.alerts?.stop();
    server?.closeAllConnections();
    await closed;
    if (this.redis) await closeRedis(this.redis);
  }

  private async listen(): Promise<number> {
    const { config, logger, metrics } = this.deps;
    const health = createHealthHandler({
      registry: metrics.registry,
      readiness: () => this.readiness(),
    });
    const server = createServer((req, res) => {
      if (health(req, res)) return;
      this.handleApi(req, res).catch((err: unknown) => {
        metrics.errors.inc({ code: 'REDIS_UNAVAILABLE' });
        logger.warn(
          {
            code: 'REDIS_UNAVAILABLE',
            err: String((err as Error)?.message ?? err),
          },
          'alerts API request failed',
        );
        sendError(
          res,
          503,
          'REDIS_UNAVAILABLE',
          'Redis did not answer; retry later',
          { 'retry-after': '5' },
        );
      });
    });
    // Bytes that are not HTTP, headers too large or too slow: a JSON 400, 431 or 408 (or the
    // socket dropped), counted and logged, as the gateway does.
    server.on('clientError', (err: Error, socket: Duplex) =>
      handleClientError(err, socket, { logger, metrics }),
    );
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    logger.info(
      {
        port,
        auth: Boolean(config.access.authSecret),
        consumer: config.consumer,
      },
      'Alerts listening',
    );
    return port;
  }

  private async handleApi(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const { config, metrics } = this.deps;
    const path = pathOf(req.url);
    if (path === undefined || !path.startsWith('/api/')) {
      return sendError(res, 404, 'NOT_FOUND', 'no such path');
    }
    const origin = req.headers.origin;
    if (req.method === 'OPTIONS') {
      // A preflight carries no token; only its origin is checked.
      const verdict = checkAccess(req, {
        allowedOrigins: config.access.allowedOrigins,
      });
      if (!verdict.ok)
        return sendError(res, verdict.status, verdict.code, verdict.message);
      res.writeHead(204, {
        ...(origin
          ? { 'access-control-allow-origin': origin, vary: 'origin' }
          : {}),
        'access-control-allow-methods': CORS_METHODS,
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    const access = checkAccess(req, config.access);
    if (!access.ok) {
      metrics.errors.inc({ code: access.code });
      req.resume();
      return sendError(
        res,
        access.status,
        access.code,
        access.message,
        access.status === 401 ? { 'www-authenticate': 'Bearer' } : {},
      );
    }
    if (origin !== undefined) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'origin');
    }
    if (!this.api) {
      req.resume();
      return sendError(
        res,
        503,
        'REDIS_UNAVAILABLE',
        'the alerts service is waiting for Redis; retry later',
        { 'retry-after': '5' },
      );
    }
    if (!(await this.api(req, res, path)))
      sendError(res, 404, 'NOT_FOUND', 'no such path');
  }

  private async connectBackend(): Promise<void> {
    const { config, logger, metrics } = this.deps;
    const { signal } = this.stopping;
    for (let attempt = 0; !signal.aborted; attempt++) {
      try {
        this.redis ??= await connectRedis({
          url: config.redisUrl,
          logger,
          signal,
        });
        const alerts = createAlertDelivery({
          redis: this.redis,
          keyPrefix: config.keyPrefix,
          logger,
          metrics,
          consumer: config.consumer,
          claimIdleMs: config.claimIdleMs,
          groupStart: config.groupStart,
          delivery: config.delivery,
        });
        await alerts.start();
        this.alerts = alerts;
        this.api = createRulesApi({
          alerts,
          maxRules: config.maxRules,
          logger,
        });
        logger.info({ consumer: config.consumer }, 'Alerts delivering');
        return;
      } catch (err) {
        if (signal.aborted) return;
        metrics.errors.inc({ code: 'REDIS_UNAVAILABLE' });
        logger.warn(
          {
            code: 'REDIS_UNAVAILABLE',
            err: String((err as Error)?.message ?? err),
          },
          'alerts could not start on Redis; retrying',
        );
        await sleep(
          backoffDelay(Math.min(attempt, 8), {
            minDelayMs: 200,
            maxDelayMs: 5000,
          }),
          undefined,
          { signal },
        ).catch(() => undefined);
      }
    }
  }
}

function pathOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '/', 'http://alerts.invalid').pathname;
  } catch {
    return undefined;
  }
}
