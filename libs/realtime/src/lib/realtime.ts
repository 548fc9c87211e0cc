import type { RedisKeys } from '@secfeed/redis-keys';
import {
  routedCommands,
  type Logger,
  type SecfeedRedis,
} from '@secfeed/service-runtime';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RealtimeConfig } from './realtime-config';
import type { RealtimeMetrics } from './realtime-metrics';
import { attachClient, type AttachContext } from './attach-client';
import type { ClientSession, SessionHooks } from './client-session';
import { FanOutHub } from './fan-out-hub';
import type { MessageContext } from './handle-client-message';
import { Heartbeat } from './heartbeat';
import {
  clientAddress,
  ConnectionsPerAddress,
} from './connections-per-address';
import { CLOSE_CODES } from './protocol-codes';
import { RollbackWatch } from './rollback-watch';
import { SessionSocket } from './session-socket';
import { StreamPump } from './stream-pump';
import { TickCorker } from './tick-corker';
import { checkUpgrade, refuseUpgrade } from './upgrade-gate';

/** What {@link createRealtime} needs; the caller owns and closes the Redis client. */
export interface RealtimeOptions {
  /** The caller's connected client: history reads use it, the reader duplicates it. */
  readonly redis: SecfeedRedis;
  readonly keys: RedisKeys;
  readonly config: RealtimeConfig;
  readonly metrics: RealtimeMetrics;
  readonly logger: Logger;
}

/** The gateway's real-time half: the WebSocket endpoint and the stream fan-out. */
export interface Realtime {
  /** Starts the single stream reader after the newest entry. */
  start(): Promise<void>;
  /** Takes over an HTTP upgrade for `/ws` (refusing it with an HTTP status when it must). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** For `/readyz`: whether the reader runs, and how many clients are connected. */
  readiness(): { readerRunning: boolean; connections: number };
  /**
   * Refuses new clients, closes every client with 1001, stops the reader and timers. Clients
   * that have not taken their close after `graceMs` (default: each session's own grace) are
   * terminated.
   */
  close(graceMs?: number): Promise<void>;
}

/** Catch-up pages (entries per XRANGE), and how far back a snapshot looks for matches. */
const PAGE_SIZE = 200;
const SNAPSHOT_SCAN_LIMIT = 10_000;
const MAX_PENDING_ENTRIES = 10_000;
/** Per client: two whole snapshot scans at once, then 4,000 entries a second (protocol.md). */
const HISTORY_SCAN = { pageBurst: 100, pagesPerSecond: 20 };

/**
 * Creates the real-time gateway (docs/protocol.md): one stream reader per process fanning out
 * to every WebSocket client, with filters, recovery, snapshots and self-protection.
 */
export function createRealtime(options: RealtimeOptions): Realtime {
  const { config, metrics, logger } = options;
  const hub = new FanOutHub(metrics);
  const pump = new StreamPump({
    ...options,
    streamKey: options.keys.stream,
    hub,
  });
  const sessions = new Set<ClientSession>();
  const rollbacks = new RollbackWatch({
    redis: routedCommands(options.redis, options.keys.stream),
    streamKey: options.keys.stream,
    lastDelivered: () => hub.lastDelivered,
    sessions: () => sessions,
    logger,
    registry: metrics.registry,
  });
  const perAddress = new ConnectionsPerAddress();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: config.maxPayloadBytes,
    perMessageDeflate: false,
    clientTracking: false,
    WebSocket: SessionSocket,
  });
  const heartbeat = new Heartbeat(
    () => sessions,
    config,
    (session) => {
      metrics.closes.inc({ code: '1006' });
      logger.info(
        { client: session.id },
        'client did not answer ping; terminated',
      );
      session.ws.terminate();
    },
  );
  const hooks = sessionHooks(metrics, logger);
  const context: MessageContext = {
    hub,
    redis: routedCommands(options.redis, options.keys.stream),
    streamKey: options.keys.stream,
    pageSize: PAGE_SIZE,
    snapshotScanLimit: SNAPSHOT_SCAN_LIMIT,
    drainTimeoutMs: config.pongTimeoutMs,
    metrics,
    onHistoryFailure: (session, err) =>
      logger.warn(
        { client: session.id, err: err.message },
        'history read failed',
      ),
    onErrorReply: (_session, code) => metrics.errors.inc({ code }),
  };
  const limits = {
    sendBufferBytes: config.sendBufferBytes,
    closeGraceMs: config.pongTimeoutMs,
    maxPendingEntries: MAX_PENDING_ENTRIES,
    historyScan: HISTORY_SCAN,
  };
  let closing = false;
  let nextId = 0;

  const attach: AttachContext = {
    sessions,
    limits,
    hooks,
    corker: new TickCorker(),
    messages: context,
    heartbeat,
    messageRate: config.messageRate,
    metrics,
    logger,
  };
  const connect = (ws: SessionSocket, claims?: Record<string, unknown>) =>
    attachClient(ws, (nextId += 1), claims, attach);

  return {
    start: async () => {
      await pump.start();
      heartbeat.start();
      rollbacks.start();
    },
    handleUpgrade: (req, socket, head) => {
      const address = clientAddress(req);
      const decision = checkUpgrade(req, {
        config,
        connections: sessions.size,
        connectionsFromAddress: perAddress.count(address),
        closing,
      });
      if (!decision.ok) {
        const { refusal } = decision;
        metrics.errors.inc({ code: refusal.code });
        logger.info(
          { status: refusal.status, code: refusal.code },
          'WebSocket upgrade refused',
        );
        socket.on('error', () => undefined);
        refuseUpgrade(socket, refusal);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        perAddress.track(address, ws);
        connect(ws, decision.claims);
      });
    },
    readiness: () => ({
      readerRunning: pump.running,
      connections: sessions.size,
    }),
    close: async (graceMs) => {
      closing = true;
      heartbeat.stop();
      rollbacks.stop();
      pump.stop();
      const closed = [...sessions].map(
        (session) =>
          new Promise((resolve) => session.ws.once('close', resolve)),
      );
      for (const session of sessions)
        session.close(CLOSE_CODES.GOING_AWAY, 'gateway shutting down');
      const overdue =
        graceMs === undefined
          ? undefined
          : setTimeout(() => {
              for (const session of sessions) session.ws.terminate();
            }, graceMs);
      await Promise.all(closed);
      clearTimeout(overdue);
      wss.close();
    },
  };
}

function sessionHooks(metrics: RealtimeMetrics, logger: Logger): SessionHooks {
  return {
    sent: (type, bytes) => {
      metrics.messagesSent.inc({ type });
      metrics.bytesSent.inc(bytes);
    },
    closing: (session, code, reason) => {
      metrics.closes.inc({ code: String(code) });
      if (code === CLOSE_CODES.SLOW_CONSUMER) metrics.slowConsumerCloses.inc();
      if (code === CLOSE_CODES.GOING_AWAY) return;
      logger.warn(
        { client: session.id, code, reason },
        'client closed by policy',
      );
    },
  };
}
