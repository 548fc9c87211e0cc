import { createRedisKeys } from '@secfeed/redis-keys';
import {
  connectRedis,
  createHealthHandler,
  isRedisReady,
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
import { tokenFromRequest, verifyJwt } from './auth';
import type { GatewayConfig } from './config/gateway-config';
import { createHistoryHandler } from './history';
import { requestPath } from './http/request-target';
import { sendError } from './http/send-json';
import { createStaticHandler } from './http/serve-static';
import type { GatewayMetrics } from './metrics/gateway-metrics';
import { createRealtime, type Realtime } from './realtime';

export interface GatewayServiceDeps {
  config: GatewayConfig;
  logger: Logger;
  metrics: GatewayMetrics;
}

type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
) => boolean | Promise<boolean>;

/**
 * The gateway: one HTTP server (default port 9000) for the WebSocket at `/ws`, the REST history
 * under `/api`, health and metrics, and the built dashboard at `/`.
 */
export class GatewayService {
  private redis?: SecfeedRedis;
  private realtime?: Realtime;
  private server?: Server;

  constructor(private readonly deps: GatewayServiceDeps) {}

  /** Starts everything; resolves with the port it listens on. */
  async start(): Promise<number> {
    const { config, logger, metrics } = this.deps;
    this.redis = await connectRedis({ url: config.redisUrl, logger });
    const keys = createRedisKeys(config.keyPrefix);
    this.realtime = createRealtime({
      redis: this.redis,
      keys,
      config,
      metrics,
      logger,
    });
    await this.realtime.start();
    const handlers: Handler[] = [
      createHealthHandler({
        registry: metrics.registry,
        readiness: () => this.readiness(),
      }),
      this.apiHandler(
        createHistoryHandler({
          redis: this.redis,
          keys,
          metrics,
          logger,
          retentionMs: config.retentionMs,
          // The token may travel in the query, as it must for a browser's WebSocket.
          ignoredParameters: ['token'],
        }),
      ),
    ];
    if (config.staticDir) handlers.push(createStaticHandler(config.staticDir));
    this.server = createServer(
      (req, res) => void this.route(handlers, req, res),
    );
    const realtime = this.realtime;
    // The gate answers every path: 404 NOT_FOUND off /ws, as docs/protocol.md lists.
    this.server.on('upgrade', (req, socket, head) =>
      realtime.handleUpgrade(req, socket, head),
    );
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(config.port, resolve);
    });
    const port = (this.server.address() as AddressInfo).port;
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

  /** Ready when Redis answers and the stream reader runs. */
  readiness(): Readiness {
    const reasons: string[] = [];
    if (!this.redis || !isRedisReady(this.redis))
      reasons.push('REDIS_UNAVAILABLE');
    const realtime = this.realtime?.readiness();
    if (!realtime?.readerRunning) reasons.push('STREAM_READER_STOPPED');
    return {
      ready: reasons.length === 0,
      reasons,
      details: { connections: realtime?.connections ?? 0 },
    };
  }

  /** Stops accepting, closes clients with 1001, stops the reader, quits Redis. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    this.server?.closeIdleConnections();
    await this.realtime?.close();
    await closed;
    if (this.redis?.isOpen)
      await this.redis.quit().catch(() => this.redis?.destroy());
  }

  private async route(
    handlers: Handler[],
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    try {
      for (const handle of handlers) if (await handle(req, res)) return;
      sendError(res, 404, 'NOT_FOUND', `no route for ${req.method} ${req.url}`);
    } catch (err) {
      this.deps.logger.error({ err, url: req.url }, 'Request failed');
      if (!res.headersSent)
        sendError(res, 500, 'INTERNAL', 'the gateway failed to answer');
      else res.destroy();
    }
  }

  /** `/api`: origin and token checks in front of the history handler. */
  private apiHandler(
    history: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>,
  ): Handler {
    const { config, metrics } = this.deps;
    return async (req, res) => {
      if (!requestPath(req.url)?.startsWith('/api')) return false;
      const origin = req.headers.origin;
      if (origin && config.allowedOrigins.length > 0) {
        if (!config.allowedOrigins.includes(origin)) {
          metrics.errors.inc({ code: 'ORIGIN_NOT_ALLOWED' });
          sendError(
            res,
            403,
            'ORIGIN_NOT_ALLOWED',
            `origin ${origin} is not allowed`,
          );
          return true;
        }
        res.setHeader('access-control-allow-origin', origin);
        res.setHeader('vary', 'origin');
      }
      if (config.authSecret) {
        const verdict = verifyJwt(
          tokenFromRequest(req) ?? '',
          config.authSecret,
        );
        if (!verdict.ok) {
          metrics.errors.inc({ code: verdict.code });
          sendError(
            res,
            401,
            verdict.code,
            'a valid token is required (query token or Authorization: Bearer)',
          );
          return true;
        }
      }
      if (await history(req, res)) return true;
      sendError(res, 404, 'NOT_FOUND', `no route for ${req.method} ${req.url}`);
      return true;
    };
  }
}
