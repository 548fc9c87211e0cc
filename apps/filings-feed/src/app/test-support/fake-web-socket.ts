import type { Provider } from '@angular/core';
import {
  CONNECTION_OPTIONS,
  DEFAULT_CONNECTION_OPTIONS,
  type ConnectionOptions,
} from '../connection/connection-options';
import {
  WEBSOCKET_FACTORY,
  type WebSocketLike,
} from '../connection/websocket-factory';

/**
 * A browser WebSocket stand-in driven by the test: `open()`, `receive(message)`,
 * `serverClose(code)`; what the app sent is in `sent` (parsed JSON).
 */
export class FakeWebSocket implements WebSocketLike {
  readyState = 0;
  readonly sent: Record<string, unknown>[] = [];
  closedWith: number | undefined;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState !== 1)
      throw new Error('send on a socket that is not open');
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  receive(message: object): void {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent);
  }

  serverClose(code = 1006, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason, wasClean: code === 1000 } as CloseEvent);
  }

  /** Messages sent with this action. */
  sentActions(action: string): Record<string, unknown>[] {
    return this.sent.filter((message) => message['action'] === action);
  }
}

/** Timing for tests: no jitter surprises (random 0.5), 1 s base delay. */
export const TEST_CONNECTION_OPTIONS: ConnectionOptions = {
  ...DEFAULT_CONNECTION_OPTIONS,
  policy: { minDelayMs: 1000, maxDelayMs: 30_000, resetAfterMs: 60_000 },
  random: () => 0.5,
};

/** Providers that make every socket the app opens a {@link FakeWebSocket} pushed onto `sockets`. */
export function provideFakeWebSockets(
  sockets: FakeWebSocket[],
  options: Partial<ConnectionOptions> = {},
): Provider[] {
  return [
    {
      provide: WEBSOCKET_FACTORY,
      useValue: (url: string) => {
        const socket = new FakeWebSocket(url);
        sockets.push(socket);
        return socket;
      },
    },
    {
      provide: CONNECTION_OPTIONS,
      useValue: { ...TEST_CONNECTION_OPTIONS, ...options },
    },
  ];
}
