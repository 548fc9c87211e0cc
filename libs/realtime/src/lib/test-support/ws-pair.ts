// A real WebSocket server and client on loopback, for specs of what the gateway writes to a socket.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { SessionSocket } from '../session-socket';

/** The TCP socket under a `ws` client, to stop and resume reading like a slow client. */
export const tcpOf = (ws: WebSocket) =>
  (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;

/** A WebSocket server on a free port and a real client connected to it. */
export async function connectedPair(): Promise<{
  http: Server;
  wss: WebSocketServer;
  client: WebSocket;
  accepted: SessionSocket;
}> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http, WebSocket: SessionSocket });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const accepting = new Promise<SessionSocket>((resolve) =>
    wss.once('connection', resolve),
  );
  const { port } = http.address() as AddressInfo;
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise((resolve) => client.once('open', resolve));
  return { http, wss, client, accepted: await accepting };
}

/** Ends what {@link connectedPair} opened. */
export async function closePair(pair: {
  http: Server;
  wss: WebSocketServer;
  client: WebSocket;
}): Promise<void> {
  pair.client.terminate();
  for (const ws of pair.wss.clients) ws.terminate();
  await new Promise((resolve) => pair.wss.close(resolve));
  await new Promise((resolve) => pair.http.close(resolve));
}
