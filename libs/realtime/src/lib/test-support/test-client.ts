// A WebSocket client for the realtime specs that records every message it receives.
import { WebSocket, type ClientOptions } from 'ws';
import { waitUntil } from '@secfeed/test-kit';

/** A message from the gateway, parsed. */
export type ServerMessage = { type: string } & Record<string, unknown>;

export class TestClient {
  readonly received: ServerMessage[] = [];
  /** Resolves with the close code and reason once the connection is closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
  private cursor = 0;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) =>
      this.received.push(JSON.parse(String(data)) as ServerMessage),
    );
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) =>
        resolve({ code, reason: reason.toString() }),
      ),
    );
    ws.on('error', () => undefined);
  }

  /** Connects and waits for the upgrade; rejects with the HTTP status on refusal. */
  static connect(
    url: string,
    options: ClientOptions = {},
  ): Promise<TestClient> {
    const ws = new WebSocket(url, options);
    const client = new TestClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () =>
          reject(
            Object.assign(new Error(`HTTP ${res.statusCode}`), {
              status: res.statusCode,
              body,
            }),
          ),
        );
      });
      ws.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  /** The next control message (not a filing) not returned before, waiting for it. */
  async next(timeoutMs = 5000): Promise<ServerMessage> {
    const skipFilings = () => {
      while (this.received[this.cursor]?.type === 'sec_filing')
        this.cursor += 1;
      return this.received.length > this.cursor;
    };
    await waitUntil(skipFilings, 'a message', timeoutMs);
    return this.received[this.cursor++];
  }

  /** Sends `message` and returns the next message. */
  async request(message: unknown): Promise<ServerMessage> {
    this.send(message);
    return this.next();
  }

  /** Positions of every sec_filing received so far, in order. */
  filingPositions(): string[] {
    return this.received
      .filter((m) => m.type === 'sec_filing')
      .map((m) => String(m.position));
  }

  /** Waits until `count` filings have arrived; returns their positions. */
  async waitForFilings(count: number, timeoutMs = 10_000): Promise<string[]> {
    await waitUntil(
      () => this.filingPositions().length >= count,
      `${count} filings`,
      timeoutMs,
    );
    return this.filingPositions();
  }

  close(): void {
    if (
      this.ws.readyState === WebSocket.OPEN ||
      this.ws.readyState === WebSocket.CONNECTING
    )
      this.ws.terminate();
  }
}
