import { WebSocket } from 'ws';
import type { CheckedClient, ReceivedFiling } from '../lib/invariant-checker';

/** A filing as the client got it, with the time it arrived (for lag). */
export interface Arrival extends ReceivedFiling {
  readonly at: number;
}

/** A `subscribed` reply. */
export interface Ack {
  readonly position: string;
  readonly recovered: boolean;
  /** Whether that subscribe carried `since`. */
  readonly withSince: boolean;
}

const FIRST_RETRY_MS = 50;
const MAX_RETRY_MS = 1_000;

/**
 * A WebSocket client of the gateway that behaves like a real one: subscribes with its filters,
 * keeps the position of the last filing, and when its socket closes reconnects (backoff from
 * 50 ms to 1 s) and subscribes again with `since` = that position. Records everything it
 * receives, every `subscribed` and every close code.
 */
export class FeedClient {
  readonly arrivals: Arrival[] = [];
  readonly acks: Ack[] = [];
  readonly closes: number[] = [];
  readonly errors: string[] = [];
  private ws?: WebSocket;
  private stopped = false;
  private offline = false;
  private retryMs = FIRST_RETRY_MS;
  private retryTimer?: NodeJS.Timeout;
  private sentSince?: string;

  constructor(
    readonly name: string,
    private url: string,
    readonly filters?: Record<string, unknown>,
  ) {}

  /** Connects and resolves once the first subscription is acknowledged. */
  async start(): Promise<void> {
    const acked = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name}: no subscribed reply`)),
        15_000,
      );
      this.onFirstAck = () => (clearTimeout(timer), resolve());
    });
    this.connect();
    await acked;
  }

  /** The position of the first `subscribed`: the client is owed everything after it. */
  get joinedAt(): string {
    if (!this.acks.length) throw new Error(`${this.name} never subscribed`);
    return this.acks[0].position;
  }

  get lastPosition(): string | undefined {
    return this.arrivals[this.arrivals.length - 1]?.position;
  }

  get connected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** For the checker: received filings since it joined. */
  record(): CheckedClient {
    return {
      name: this.name,
      filters: this.filters,
      after: this.joinedAt,
      received: this.arrivals,
    };
  }

  /** Stops reading its socket (a stalled consumer); the kernel buffers fill, then the gateway's. */
  pause(): void {
    this.ws?.pause();
  }

  resume(): void {
    this.ws?.resume();
  }

  /** Drops the socket without a close frame; the client reconnects with `since`. */
  drop(): void {
    this.ws?.terminate();
  }

  /** Points later reconnects at another gateway (a load balancer's choice). */
  moveTo(url: string): void {
    this.url = url;
  }

  /** Disconnects and stays away until {@link comeBack} (a client offline for a while). */
  goOffline(): void {
    this.offline = true;
    clearTimeout(this.retryTimer);
    this.ws?.terminate();
  }

  /** Reconnects after {@link goOffline}, subscribing with `since` as always. */
  comeBack(): void {
    this.offline = false;
    this.retryMs = FIRST_RETRY_MS;
    this.connect();
  }

  /** Closes for good, no reconnect. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.ws?.terminate();
  }

  private onFirstAck: () => void = () => undefined;

  private connect(): void {
    const ws = new WebSocket(`${this.url}/ws`);
    this.ws = ws;
    let opened = false;
    ws.on('open', () => {
      opened = true;
      const since = this.lastPosition;
      this.sentSince = since;
      ws.send(
        JSON.stringify({
          action: 'subscribe_sec_filings',
          ...(this.filters ? { filters: this.filters } : {}),
          ...(since ? { since } : {}),
        }),
      );
    });
    ws.on('message', (data) => this.onMessage(String(data), ws));
    ws.on('error', (err) => this.errors.push(err.message));
    ws.on('close', (code) => {
      if (this.ws === ws && ws.readyState === WebSocket.CLOSED) {
        // A refused connect (gateway down) also lands here; only closes of open sockets count.
        if (opened) this.closes.push(code);
        this.reconnectLater();
      }
    });
  }

  private onMessage(text: string, ws: WebSocket): void {
    const message = JSON.parse(text) as Record<string, unknown>;
    if (message['type'] === 'sec_filing') {
      const data = message['data'] as { accessionNo: string };
      this.arrivals.push({
        position: String(message['position']),
        accessionNo: data.accessionNo,
        at: Date.now(),
      });
    } else if (message['type'] === 'subscribed') {
      this.retryMs = FIRST_RETRY_MS;
      this.acks.push({
        position: String(message['position']),
        recovered: message['recovered'] === true,
        withSince: this.sentSince !== undefined,
      });
      if (this.acks.length === 1) this.onFirstAck();
    } else if (message['type'] === 'error') {
      this.errors.push(String(message['code']));
      // HISTORY_UNAVAILABLE drops the subscription: resubscribe as the protocol says.
      if (message['code'] === 'HISTORY_UNAVAILABLE') ws.terminate();
    }
  }

  private reconnectLater(): void {
    if (this.stopped || this.offline) return;
    this.retryTimer = setTimeout(() => this.connect(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }
}
