import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type ServerOptions, type WebSocket } from 'ws';

/** A real ws server on 127.0.0.1 for tests; `stop()` terminates clients and closes the port. */
export interface WsTestServer {
  readonly http: Server;
  readonly wss: WebSocketServer;
  readonly port: number;
  readonly url: string;
  /** Every connection the server accepted, in order. */
  readonly accepted: WebSocket[];
  stop(): Promise<void>;
}

export async function startWsServer(
  onConnection: (socket: WebSocket, index: number) => void = () => undefined,
  options: Omit<ServerOptions, 'server' | 'port'> = {},
  port = 0,
): Promise<WsTestServer> {
  const http = createServer();
  const wss = new WebSocketServer({ ...options, server: http });
  const accepted: WebSocket[] = [];
  wss.on('connection', (socket) => {
    accepted.push(socket);
    onConnection(socket, accepted.length - 1);
  });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const actualPort = (http.address() as AddressInfo).port;
  return {
    http,
    wss,
    accepted,
    port: actualPort,
    url: `ws://127.0.0.1:${actualPort}/feed?apiKey=TOPSECRETKEY`,
    stop: () => stopServer(http, wss),
  };
}

async function stopServer(http: Server, wss: WebSocketServer): Promise<void> {
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
}

/** Open TCP connections of the HTTP server (upgraded or not). */
export function tcpConnections(http: Server): Promise<number> {
  return new Promise((resolve, reject) =>
    http.getConnections((error, count) =>
      error ? reject(error) : resolve(count),
    ),
  );
}
