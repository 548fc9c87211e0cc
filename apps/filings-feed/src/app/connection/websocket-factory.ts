import { InjectionToken } from '@angular/core';

/** The part of the browser's WebSocket the feed uses; tests supply a fake with this shape. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** Opens a socket to `url`. */
export type WebSocketFactory = (url: string) => WebSocketLike;

/** Opens sockets with the browser's `WebSocket`; replace it in tests (the only fake needed). */
export const WEBSOCKET_FACTORY = new InjectionToken<WebSocketFactory>(
  'WEBSOCKET_FACTORY',
  { providedIn: 'root', factory: () => (url) => new WebSocket(url) },
);
