import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { FeedSchedule, replaySchedule, steadySchedule } from './feed-schedule';
import { malformedFrame } from './malformed-frames';
import { answerQuery } from './query-api';
import {
  archivePathAccession,
  loadArchiveDocuments,
  loadTickers,
  withExtraFilings,
} from './archive-documents';
import { readFile } from 'node:fs/promises';
import { easternIsoString } from '@secfeed/filing-model';
import { filingAt, loadReplayDay, WireFiling } from './replay-day';
import { resolveSimulatorOptions, SimulatorOptions } from './simulator-options';

/** Counters of what the simulator has sent. */
export interface SimulatorStats {
  connections: number;
  framesSent: number;
  filingsSent: number;
  faultsInjected: number;
}

/** A running simulator. */
export interface Simulator {
  /** `ws://host:port` (add `?apiKey=` when the simulator requires one). */
  readonly url: string;
  /** `http://host:port`: the simulated Query API (`SEC_QUERY_API_URL`). */
  readonly queryApiUrl: string;
  readonly port: number;
  stats(): SimulatorStats;
  /** `http://host:port`: EDGAR's archive stand-in (`EDGAR_ARCHIVES_URL`) when `documentsDir` is set. */
  readonly archivesUrl: string;
  /** Every archive request received: path and status answered. */
  archiveRequests(): ReadonlyArray<{ path: string; status: number }>;
  /** Every accession number sent in a data frame, in order (duplicates included). */
  sent(): readonly string[];
  /** Destroys every client socket without a close frame, as a network drop would. */
  dropAll(): void;
  /** Stops sending and pinging while keeping sockets open: a half-open upstream. */
  freeze(): void;
  /** Ends a freeze. */
  thaw(): void;
  /** Sends one raw frame to every client (text for a string, binary for a Buffer). */
  sendRaw(frame: string | Buffer): void;
  close(): Promise<void>;
}

/** Below this much unsent data per client, a full-speed feed keeps writing. */
const DRAIN_BELOW_BYTES = 1 << 20;
const TICK_MS = 5;

/**
 * A sec-api.io Stream API stand-in: a plain WebSocket server that pushes the replayed EDGAR day
 * as JSON-array text frames to every client, pings every 25 s, never replays what a client
 * missed, and injects faults on request. Serves tests, benchmarks and the one-command demo, so
 * that ingest's real `sec-api` code path runs without a key.
 *
 * HTTP control (for out-of-process use): `GET /stats`, `POST /drop`, `POST /freeze`, `POST /thaw`.
 * Query API (for gap backfills): `POST /` with `{"query":"filedAt:[X TO *]","from","size"}`,
 * answered from the filings sent so far.
 */
export async function startSimulator(
  options: SimulatorOptions = {},
): Promise<Simulator> {
  const opts = resolveSimulatorOptions(options);
  const replayed = opts.day ?? loadReplayDay();
  const documents =
    opts.documentsDir === undefined
      ? undefined
      : loadArchiveDocuments(opts.documentsDir, replayed[0], loadTickers());
  const day = documents
    ? withExtraFilings(replayed, documents.filings, opts.documentFilingEvery)
    : replayed;
  const archiveRequests: Array<{ path: string; status: number }> = [];
  const schedule: FeedSchedule =
    opts.rate === undefined
      ? replaySchedule(day, opts.speed)
      : steadySchedule(opts.rate);
  const stats: SimulatorStats = {
    connections: 0,
    framesSent: 0,
    filingsSent: 0,
    faultsInjected: 0,
  };
  const sentAccessions: string[] = [];
  // Kept for the Query API answers; bounded by what a test or demo sends (one day ~ 5,000).
  const sentFilings: WireFiling[] = [];
  let startedAt: number | undefined;
  let frozenAt: number | undefined;
  let pausedMs = 0;
  let cancelTick: (() => void) | undefined;
  // The raw TCP socket under each client, so that a freeze can stop reading from it.
  const rawSockets = new Map<WebSocket, Duplex>();
  let closed = false;

  const http = createServer((req, res) => control(req, res));
  const wss = new WebSocketServer({ noServer: true });
  const clients = (): WebSocket[] =>
    [...wss.clients].filter((c) => c.readyState === WebSocket.OPEN);

  http.on('upgrade', (req, socket, head) => {
    const key = new URL(req.url ?? '/', 'http://x').searchParams.get('apiKey');
    if (opts.apiKey !== undefined && key !== opts.apiKey) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      stats.connections++;
      rawSockets.set(ws, socket);
      ws.on('close', () => rawSockets.delete(ws));
      ws.on('error', () => undefined);
      if (startedAt === undefined) startFeed();
    });
  });

  const broadcast = (frame: string | Buffer): void => {
    for (const ws of clients()) ws.send(frame);
  };

  function sendFrame(original: WireFiling[]): void {
    const filedAt = opts.liveTimes ? easternIsoString(Date.now()) : undefined;
    const filings = filedAt
      ? original.map((f) => ({ ...f, filedAt }))
      : original;
    broadcast(JSON.stringify(filings));
    if (sentFilings.length < 200_000) sentFilings.push(...filings);
    stats.framesSent++;
    stats.filingsSent += filings.length;
    for (const f of filings) sentAccessions.push(f.accessionNo);
    opts.onFrame?.(filings, Date.now());
    injectFaults(filings);
  }

  function injectFaults(filings: WireFiling[]): void {
    const {
      duplicateEvery,
      malformedEvery,
      binaryEvery,
      disconnectAfterFrames,
    } = opts.faults;
    const n = stats.framesSent;
    if (duplicateEvery && n % duplicateEvery === 0) {
      broadcast(JSON.stringify(filings));
      stats.faultsInjected++;
    }
    if (malformedEvery && n % malformedEvery === 0) {
      broadcast(malformedFrame(n / malformedEvery - 1, filings[0]));
      stats.faultsInjected++;
    }
    if (binaryEvery && n % binaryEvery === 0) {
      broadcast(Buffer.from(JSON.stringify(filings)));
      stats.faultsInjected++;
    }
    if (disconnectAfterFrames && n === disconnectAfterFrames) {
      dropAll();
      stats.faultsInjected++;
    }
  }

  function tick(): void {
    cancelTick = undefined;
    if (closed || startedAt === undefined) return;
    if (frozenAt === undefined) {
      const fullSpeed = opts.rate === 0;
      const due = fullSpeed
        ? opts.limit
        : Math.min(opts.limit, schedule(Date.now() - startedAt - pausedMs));
      const drained = (): boolean =>
        clients().every((c) => c.bufferedAmount < DRAIN_BELOW_BYTES);
      while (stats.filingsSent < due && (!fullSpeed || drained())) {
        const count = Math.min(opts.batchSize, due - stats.filingsSent);
        const frame = Array.from({ length: count }, (_, i) =>
          filingAt(day, stats.filingsSent + i),
        );
        sendFrame(frame);
        if (fullSpeed && clients().length === 0) break;
      }
      if (stats.filingsSent >= opts.limit) return;
    }
    if (opts.rate === 0 && clients().length > 0) {
      const handle = setImmediate(tick);
      cancelTick = () => clearImmediate(handle);
    } else {
      const handle = setTimeout(tick, TICK_MS);
      cancelTick = () => clearTimeout(handle);
    }
  }

  function startFeed(): void {
    startedAt = Date.now();
    tick();
  }

  function dropAll(): void {
    for (const ws of wss.clients) ws.terminate();
  }

  const pinger = setInterval(() => {
    if (frozenAt !== undefined) return;
    for (const ws of clients()) ws.ping();
  }, opts.pingIntervalMs);

  function control(req: IncomingMessage, res: ServerResponse): void {
    const reply = (status: number, body: unknown) => {
      res
        .writeHead(status, { 'content-type': 'application/json' })
        .end(JSON.stringify(body));
    };
    const route = `${req.method} ${req.url}`;
    if (documents && req.method === 'GET' && req.url?.startsWith('/Archives/'))
      return archive(req.url, res);
    if (req.method === 'POST' && (req.url === '/' || req.url?.startsWith('/?')))
      return query(req, reply);
    if (route === 'GET /stats') return reply(200, stats);
    if (route === 'POST /drop') return (dropAll(), reply(200, stats));
    if (route === 'POST /freeze')
      return (simulator.freeze(), reply(200, stats));
    if (route === 'POST /thaw') return (simulator.thaw(), reply(200, stats));
    reply(404, {
      error: {
        code: 'NOT_FOUND',
        message: 'GET /stats, POST /drop, /freeze, /thaw',
      },
    });
  }

  /** EDGAR's archive for the documents' submissions; 404 for anything else, as EDGAR does. */
  function archive(path: string, res: ServerResponse): void {
    const accessionNo = archivePathAccession(path);
    const file =
      accessionNo === undefined ? undefined : documents?.files.get(accessionNo);
    const answer = (status: number, body: string | Buffer) => {
      archiveRequests.push({ path, status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
    };
    if (file === undefined) return answer(404, 'Not Found');
    readFile(file).then(
      (body) => answer(200, body),
      () => answer(404, 'Not Found'),
    );
  }

  /** sec-api.io's Query API, answered from what was sent: the gap backfill has a real peer. */
  function query(
    req: IncomingMessage,
    reply: (status: number, body: unknown) => void,
  ): void {
    if (
      opts.apiKey !== undefined &&
      req.headers.authorization !== opts.apiKey
    ) {
      return reply(401, { status: 401, error: 'invalid API key' });
    }
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      let answer: ReturnType<typeof answerQuery>;
      try {
        answer = answerQuery(JSON.parse(text), sentFilings);
      } catch {
        answer = undefined;
      }
      if (answer) reply(200, answer);
      else
        reply(400, {
          status: 400,
          error: 'only filedAt:[X TO *] queries are simulated',
        });
    });
  }

  await new Promise<void>((resolve) =>
    http.listen(opts.port, opts.host, resolve),
  );
  const { port } = http.address() as AddressInfo;
  if (!opts.waitForClient) startFeed();

  const simulator: Simulator = {
    url: `ws://${opts.host}:${port}`,
    queryApiUrl: `http://${opts.host}:${port}`,
    archivesUrl: `http://${opts.host}:${port}`,
    archiveRequests: () => archiveRequests,
    port,
    stats: () => ({ ...stats, connections: clients().length }),
    sent: () => sentAccessions,
    dropAll,
    freeze() {
      if (frozenAt === undefined) frozenAt = Date.now();
      // Stop reading too, so that the client's pings go unanswered: a real half-open peer.
      for (const socket of rawSockets.values()) socket.pause();
    },
    thaw() {
      if (frozenAt === undefined) return;
      pausedMs += Date.now() - frozenAt;
      frozenAt = undefined;
      for (const socket of rawSockets.values()) socket.resume();
    },
    sendRaw: broadcast,
    async close() {
      closed = true;
      clearInterval(pinger);
      cancelTick?.();
      dropAll();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  return simulator;
}
