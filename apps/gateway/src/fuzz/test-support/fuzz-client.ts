// A WebSocket client for the fuzz: sends raw frames and waits for the next reply or the close,
// event-driven (no polling), keeping filings apart from replies.
import { WebSocket } from 'ws';

/** A gateway message, parsed. */
export type ServerMessage = { type: string } & Record<string, unknown>;

/** What came back after a frame: a reply, or the close of the connection. */
export type Outcome = { reply: ServerMessage } | { close: number };

export class FuzzClient {
  /** Positions of every `sec_filing` received, in order. */
  readonly positions: string[] = [];
  closeCode?: number;
  private readonly replies: ServerMessage[] = [];
  private wake?: () => void;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.type === 'sec_filing')
        this.positions.push(String(message['position']));
      else this.replies.push(message);
      this.wake?.();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.wake?.();
    });
    ws.on('error', () => undefined);
  }

  static connect(url: string): Promise<FuzzClient> {
    const ws = new WebSocket(url);
    const client = new FuzzClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  get open(): boolean {
    return this.closeCode === undefined;
  }

  send(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  /** The next reply (filings skipped), or the close code; rejects after `timeoutMs`. */
  async next(timeoutMs = 5000): Promise<Outcome> {
    // A filing wakes the wait too: wait again until a reply or the close.
    while (this.replies.length === 0 && this.open) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`no reply and no close within ${timeoutMs} ms`)),
          timeoutMs,
        );
        this.wake = () => {
          clearTimeout(timer);
          this.wake = undefined;
          resolve();
        };
      });
    }
    const reply = this.replies.shift();
    return reply ? { reply } : { close: this.closeCode as number };
  }

  terminate(): void {
    this.ws.terminate();
  }
}
