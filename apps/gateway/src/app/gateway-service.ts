import {
  createCompletenessKeys,
  createRedisKeys,
  createSourceSummaryKeys,
} from '@secfeed/redis-keys';
import {
  closeRedis,
  connectRedis,
  createHealthHandler,
  guardSocket,
  handleClientError,
  isRedisReady,
  requestPath,
  sendError,
  type Logger,
  type Readiness,
  type SecfeedRedis,
} from '@secfeed/service-runtime';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { checkAccess } from '@secfeed/access-control';
import { createHistoryHandler } from '@secfeed/filings-history';
import { createAlertsProxy, isAlertsPath } from './alerts-proxy';
import type { GatewayConfig } from './config/gateway-config';
import { createCompletenessHandler } from './completeness';
import { createSourcesStatusHandler } from './sources-status';
import { redactUrl } from './http/redact-url';
import { routeRequests, type RequestHandler } from './http/route-request';
import { createStaticHandler } from './http/serve-static';
import type { GatewayMetrics } from './metrics/gateway-metrics';
import {
  createRealtime,
  REFUSAL_CODES,
  refuseUpgrade,
  WEBSOCKET_PATH,
  type Realtime,
} from '@secfeed/realtime';
import { retryUntilStopped } from './retry-until-stopped';
import type { WorkerRole } from './workers/worker-role';

export interface GatewayServiceDeps {
  config: GatewayConfig;
  logger: Logger;
  metrics: GatewayMetrics;
  /**
   * As one of several workers on one port (`GATEWAY_WORKERS` > 1): its id goes in `/readyz` and
   * the `x-secfeed-worker` header of every HTTP answer, and `/metrics` serves the totals of
   * every worker. Absent in a single process.
   */
  worker?: WorkerRole;
}

type HistoryHandler = ReturnType<typeof createHistoryHandler>;

/** Clients' grace to take their close frame at shutdown, by default. */
const SHUTDOWN_GRACE_MS = 5000;

/**
 * The gateway: one HTTP server (default port 9000) for the WebSocket at `/ws`, the REST history
 * under `/api`, health and metrics, and the built dashboard at `/`. It listens before Redis
 * answers: `/healthz` is alive at once, `/readyz` says `REDIS_UNAVAILABLE`, and `/ws` and `/api`
 * answer 503 `REDIS_UNAVAILABLE` until Redis arrives.
 */
export class GatewayService {
  private redis?: SecfeedRedis;
  private realtime?: Realtime;
  private history?: HistoryHandler;
  private completeness?: HistoryHandler;
  private sources?: HistoryHandler;
  private server?: Server;
  private backend?: Promise<void>;
  private readonly stopping = new AbortController();

  constructor(private readonly deps: GatewayServiceDeps) {}

  /**
   * Listens, then connects to Redis (retrying while it is down) and starts the stream reader;
   * resolves with the port once both run, or once {@link stop} gave up waiting.
   */
  async start(): Promise<number> {
    const port = await this.listen();
    this.backend = this.connectBackend();
    await this.backend;
    return port;
  }

  /** Ready when Redis answers and the stream reader runs. */
  readiness(): Readiness {
    const reasons: string[] = [];
    if (!this.redis || !isRedisReady(this.redis))
      reasons.push('REDIS_UNAVAILABLE');
    const realtime = this.realtime?.readiness();
    if (!realtime?.readerRunning) reasons.push('STREAM_READER_STOPPED');
    const worker = this.deps.worker;
    return {
      ready: reasons.length === 0,
      reasons,
      details: {
        connections: realtime?.connections ?? 0,
        ...(worker && { worker: worker.id, pid: process.pid }),
      },
    };
  }

  /**
   * Stops accepting, closes clients with 1001, stops the reader, quits Redis. Clients and HTTP
   * requests still open after `graceMs` are cut, so the stop ends well before a hard deadline.
   */
  async stop(graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
    this.stopping.abort(new Error('the gateway is stopping'));
    const server = this.server;
    const closed = new Promise<void>((resolve) =>
      server ? server.close(() => resolve()) : resolve(),
    );
    server?.closeIdleConnections();
    const overdue = setTimeout(() => server?.closeAllConnections(), graceMs);
    await this.backend;
    await this.realtime?.close(graceMs);
    await closed;
    clearTimeout(overdue);
    if (this.redis) await closeRedis(this.redis);
  }

  private async listen(): Promise<number> {
    const { config, logger, metrics, worker } = this.deps;
    const handlers: RequestHandler[] = [
      createHealthHandler({
        registry: worker?.metricsRegistry ?? metrics.registry,
        readiness: () => this.readiness(),
      }),
      this.apiHandler(),
    ];
    if (config.staticDir)
      handlers.push(
        createStaticHandler(config.staticDir, ({ code, err }) => {
          metrics.errors.inc({ code });
          logger.warn(
            { code, err: err.code ?? err.message },
            'static file not served',
          );
        }),
      );
    const route = routeRequests(handlers, logger);
    const workerId = worker && String(worker.id);
    const server = createServer((req, res) => {
      if (workerId !== undefined) res.setHeader('x-secfeed-worker', workerId);
      void route(req, res);
    });
    this.server = server;
    server.on('upgrade', (req, socket: Duplex, head: Buffer) =>
      this.upgrade(req, socket, head),
    );
    server.on('clientError', (err: Error, socket: Duplex) =>
      handleClientError(err, socket, this.deps),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, () => {
        server.off('error', reject);
        resolve();
      });
    });
    // Past the start, an accept that fails (EMFILE) must not end the process.
    server.on('error', (err: Error & { code?: string }) => {
      metrics.errors.inc({ code: 'ACCEPT_FAILED' });
      logger.error({ err: err.code ?? err.message }, 'accept failed');
    });
    const port = (server.address() as AddressInfo).port;
    logger.info(
      {
        port,
        dashboard: config.staticDir ?? null,
        auth: Boolean(config.authSecret),
      },
      'Gateway listening',
    );
    return port;
  }

  /** Redis, then the history and the stream reader; retried while Redis is away. */
  private async connectBackend(): Promise<void> {
    const { config, logger, metrics } = this.deps;
    const { signal } = this.stopping;
    const redis = await retryUntilStopped(
      'Redis connection',
      () => connectRedis({ url: config.redisUrl, logger, signal }),
      { logger, signal },
    );
    if (redis === undefined) return;
    this.redis = redis;
    const keys = createRedisKeys(config.keyPrefix);
    this.history = createHistoryHandler({
      redis,
      keys,
      metrics,
      logger,
      retentionMs: config.retentionMs,
      // The token may travel in the query, as it must for a browser's WebSocket.
      ignoredParameters: ['token'],
    });
    this.completeness = createCompletenessHandler({
      redis,
      keys: createCompletenessKeys(config.keyPrefix),
      metrics,
      logger,
    });
    this.sources = createSourcesStatusHandler({
      redis,
      keys: createSourceSummaryKeys(config.keyPrefix),
      metrics,
      logger,
    });
    const realtime = createRealtime({ redis, keys, config, metrics, logger });
    const started = await retryUntilStopped(
      'stream reader start',
      () => realtime.start().then(() => true),
      { logger, signal },
    );
    if (started) this.realtime = realtime;
    else await realtime.close(0);
  }

  /** Every upgrade: the gate's answer once the reader runs, 503 before (Redis not there yet). */
  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const { logger, metrics } = this.deps;
    guardSocket(socket, logger);
    if (this.realtime) {
      this.realtime.handleUpgrade(req, socket, head);
      return;
    }
    const refusal =
      requestPath(req.url) !== WEBSOCKET_PATH
        ? {
            status: 404,
            code: REFUSAL_CODES.NOT_FOUND,
            message: 'the WebSocket is at /ws',
          }
        : this.stopping.signal.aborted
          ? {
              status: 503,
              code: REFUSAL_CODES.SHUTTING_DOWN,
              message: 'the gateway is shutting down',
            }
          : {
              status: 503,
              code: REFUSAL_CODES.REDIS_UNAVAILABLE,
              message: 'the gateway is waiting for Redis; retry later',
            };
    metrics.errors.inc({ code: refusal.code });
    refuseUpgrade(socket, refusal);
  }

  /**
   * `/api`: the access check `/ws` also uses, in front of the history handler and of the alerts
   * service's `/api/alert-rules` (forwarded, whether or not the gateway has Redis yet).
   */
  private apiHandler(): RequestHandler {
    const { config, metrics, logger } = this.deps;
    const forwardToAlerts = createAlertsProxy({
      baseUrl: config.alertsUrl,
      logger,
      metrics,
    });
    return async (req, res) => {
      if (!requestPath(req.url)?.startsWith('/api')) return false;
      const access = checkAccess(req, config);
      if (!access.ok) {
        metrics.errors.inc({ code: access.code });
        sendError(
          res,
          access.status,
          access.code,
          access.message,
          access.status === 401 ? { 'www-authenticate': 'Bearer' } : {},
        );
        return true;
      }
      const origin = req.headers.origin;
      if (origin !== undefined && config.allowedOrigins.length > 0) {
        // A listed browser origin (checkAccess let it through) may read the answer.
        res.setHeader('access-control-allow-origin', origin);
        res.setHeader('vary', 'origin');
      }
      if (isAlertsPath(requestPath(req.url))) {
        forwardToAlerts(req, res);
        return true;
      }
      if (this.history === undefined) {
        metrics.errors.inc({ code: 'REDIS_UNAVAILABLE' });
        sendError(
          res,
          503,
          'REDIS_UNAVAILABLE',
          'the gateway is waiting for Redis; retry later',
          { 'retry-after': '5' },
        );
        return true;
      }
      if (await this.history(req, res)) return true;
      if (await this.completeness?.(req, res)) return true;
      if (await this.sources?.(req, res)) return true;
      sendError(
        res,
        404,
        'NOT_FOUND',
        `no route for ${req.method} ${redactUrl(req.url)}`,
      );
      return true;
    };
  }
}
