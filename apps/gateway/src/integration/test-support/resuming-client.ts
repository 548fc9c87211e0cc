// A WebSocket client that does what the protocol asks of a client whose gateway goes away:
// reconnect, and subscribe again with `since` = the last position it received.
import { WebSocket } from 'ws';

/** One WebSocket the client held, in order. */
export interface ClientConnection {
  /** The client's local port (with the gateway's port, it names the TCP connection). */
  readonly localPort: number;
  /** `recovered` of its `subscribed` reply, once it came. */
  recovered?: boolean;
  /** The close code, once closed. */
  closeCode?: number;
}

/** A filing as the client received it. */
export interface ReceivedFiling {
  readonly position: string;
  readonly accessionNo: string;
}

export class ResumingClient {
  readonly filings: ReceivedFiling[] = [];
  readonly connections: ClientConnection[] = [];
  private ws?: WebSocket;
  private stopped = false;

  constructor(private readonly url: string) {}

  /** The connection now (the last one opened). */
  get current(): ClientConnection | undefined {
    return this.connections[this.connections.length - 1];
  }

  /** Whether the current connection is open and subscribed. */
  get subscribed(): boolean {
    return (
      this.ws?.readyState === WebSocket.OPEN &&
      this.current?.recovered !== undefined &&
      this.current.closeCode === undefined
    );
  }

  /** Opens a connection and subscribes (with `since` after the first); rejects if it fails. */
  connect(): Promise<void> {
    const since = this.filings[this.filings.length - 1]?.position;
    const ws = new WebSocket(this.url);
    this.ws = ws;
    return new Promise((resolve, reject) => {
      let connection: ClientConnection | undefined;
      ws.once('upgrade', (res) => {
        connection = { localPort: res.socket.localPort ?? 0 };
        this.connections.push(connection);
      });
      ws.once('error', reject);
      ws.once('open', () =>
        ws.send(
          JSON.stringify({
            action: 'subscribe_sec_filings',
            ...(since && { since }),
          }),
        ),
      );
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as Record<string, unknown>;
        if (message['type'] === 'subscribed' && connection) {
          connection.recovered = message['recovered'] as boolean;
          resolve();
        }
        if (message['type'] === 'sec_filing') {
          const filing = message['data'] as { accessionNo: string };
          this.filings.push({
            position: String(message['position']),
            accessionNo: filing.accessionNo,
          });
        }
      });
      ws.once('close', (code) => {
        if (connection) connection.closeCode = code;
        reject(new Error(`closed (${code}) before subscribed`));
        if (!this.stopped) this.reconnect();
      });
    });
  }

  /** From now on a closed connection stays closed. */
  stopReconnecting(): void {
    this.stopped = true;
  }

  /** Stops reconnecting and closes the current connection. */
  stop(): void {
    this.stopReconnecting();
    this.ws?.terminate();
  }

  /** Resolves with the close code of the current connection once it closes. */
  closed(): Promise<number> {
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED)
      return Promise.resolve(this.current?.closeCode ?? -1);
    return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
  }

  private reconnect(): void {
    setTimeout(() => {
      if (this.stopped) return;
      this.connect().catch(() => undefined);
    }, 50);
  }
}
