// A stand-in for the sec-api.io Stream API that sends whatever frames the fuzz hands it, to
// whichever ingest connection is open, and lets the fuzz wait for a reconnect.
import { waitUntil } from '@secfeed/test-kit';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

export class FuzzUpstream {
  /** Connections accepted so far. */
  connections = 0;
  private socket?: WebSocket;

  private constructor(private readonly server: WebSocketServer) {
    server.on('connection', (socket) => {
      this.connections += 1;
      this.socket = socket;
      socket.on('error', () => undefined);
    });
  }

  static async start(): Promise<FuzzUpstream> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    return new FuzzUpstream(server);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Waits for the `count`-th connection to be open. */
  async connected(count = this.connections || 1): Promise<void> {
    await waitUntil(
      () =>
        this.connections >= count && this.socket?.readyState === WebSocket.OPEN,
      `upstream connection ${count}`,
    );
  }

  /** Sends one frame as is: `binary: false` with a Buffer sends its bytes as a text frame. */
  send(data: string | Buffer, binary: boolean): Promise<void> {
    const socket = this.socket;
    if (socket?.readyState !== WebSocket.OPEN)
      throw new Error('no open upstream connection');
    return new Promise((resolve, reject) =>
      socket.send(data, { binary }, (err) => (err ? reject(err) : resolve())),
    );
  }

  close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
