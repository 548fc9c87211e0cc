// A scripted sec-api.io for ingest's fault specs: one Stream API socket and one Query API that
// share the same filings ("what the upstream had"), with faults the spec turns on and off.
import { easternIsoString } from '@secfeed/filing-model';
import { loadReplayDay, type WireFiling } from '@secfeed/sec-api-simulator';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/** How the Query API answers one request instead of the normal page. */
export type QueryFault =
  | { status: number; body?: string; headers?: Record<string, string> }
  /** Never answers (the client's request timeout fires). */
  | 'hang'
  /** Sends the status line and half of the body, then resets the connection. */
  | 'truncate'
  /** Answers normally after `delayMs`. */
  | { delayMs: number };

/** One Query API request as received. */
export interface QueryRequest {
  readonly query: string;
  readonly from: number;
  readonly size: number;
}

const RANGE = /^filedAt:\["(.+)" TO \*\]$/;
/** The Query API's documented offset cap: it serves nothing past it. */
const MAX_OFFSET = 10_000;

/** Distinct real filings, accession `<9 digits>-26-<n>`, `filedAt` `stepMs` apart from `startMs`. */
export function fakeFilings(
  count: number,
  startMs: number,
  first = 0,
  stepMs = 1000,
): WireFiling[] {
  const day = loadReplayDay();
  return Array.from({ length: count }, (_, i) => {
    const n = first + i;
    return {
      ...day[n % day.length],
      accessionNo: `${String(900_000_000 + (n % 1000)).padStart(10, '0')}-26-${String(n).padStart(6, '0')}`,
      filedAt: easternIsoString(startMs + n * stepMs),
    };
  });
}

export class FakeSecApi {
  /** Every filing the upstream had, in the order it had them. */
  readonly had: WireFiling[] = [];
  readonly queries: QueryRequest[] = [];
  /** Decides each Query API answer; undefined answers normally. */
  queryFault?: (request: QueryRequest, index: number) => QueryFault | undefined;
  /** While true, Stream API connections are refused (503 on the upgrade). */
  refuse = false;
  connections = 0;
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private readonly wss: WebSocketServer,
    private readonly http: Server,
  ) {}

  static async start(): Promise<FakeSecApi> {
    const http = createServer();
    const wss = new WebSocketServer({ noServer: true });
    const api = new FakeSecApi(wss, http);
    http.on('upgrade', (req, socket, head) => {
      if (api.refuse) {
        socket.end('HTTP/1.1 503 Service Unavailable\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        api.connections += 1;
        ws.on('error', () => undefined);
      });
    });
    http.on('request', (req, res) => api.answer(req, res));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }
  get streamUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }
  get queryApiUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Open Stream API sockets. */
  get open(): number {
    return [...this.wss.clients].filter((c) => c.readyState === WebSocket.OPEN)
      .length;
  }

  /** The upstream gets `filings`: kept for the Query API and sent, as one frame, to open sockets. */
  publish(filings: WireFiling[]): void {
    this.had.push(...filings);
    const frame = JSON.stringify(filings);
    for (const ws of this.wss.clients)
      if (ws.readyState === WebSocket.OPEN) ws.send(frame);
  }

  /** The upstream has `filings` without any socket getting them (they happened in a gap). */
  hadOnly(filings: WireFiling[]): void {
    this.had.push(...filings);
  }

  /** Destroys every Stream API socket without a close frame, as a network drop does. */
  dropSockets(): void {
    for (const ws of this.wss.clients) ws.terminate();
  }

  async close(): Promise<void> {
    this.dropSockets();
    for (const res of this.hanging) res.destroy();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      const request: QueryRequest = {
        query: String(body.query),
        from: Number(body.from),
        size: Number(body.size),
      };
      const index = this.queries.push(request) - 1;
      const fault = this.queryFault?.(request, index);
      const page = JSON.stringify(this.search(request));
      if (fault === 'hang') {
        this.hanging.add(res);
        return;
      }
      if (fault === 'truncate') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(page.slice(0, Math.floor(page.length / 2)));
        setImmediate(() => res.destroy());
        return;
      }
      if (fault && 'status' in fault) {
        res.writeHead(fault.status, {
          'content-type': 'application/json',
          ...fault.headers,
        });
        res.end(fault.body ?? `{"status":${fault.status}}`);
        return;
      }
      const send = () =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(page);
      if (fault) setTimeout(send, fault.delayMs);
      else send();
    });
  }

  private search(request: QueryRequest) {
    const since = Date.parse(RANGE.exec(request.query)?.[1] ?? 'invalid');
    const hits = this.had
      .filter((f) => Date.parse(f.filedAt) >= since)
      .sort((a, b) => Date.parse(a.filedAt) - Date.parse(b.filedAt));
    const filings =
      request.from > MAX_OFFSET
        ? []
        : hits.slice(request.from, request.from + request.size);
    const relation = hits.length > MAX_OFFSET ? 'gte' : 'eq';
    return {
      total: { value: Math.min(hits.length, MAX_OFFSET), relation },
      query: { from: request.from, size: request.size },
      filings,
    };
  }
}
