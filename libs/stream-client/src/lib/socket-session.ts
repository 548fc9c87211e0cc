import { Observable, Subject, Subscription } from 'rxjs';
import { WebSocket, type ClientOptions } from 'ws';
import { scrubUrlSecrets } from './redact-url';
import { silenceTimeout } from '@secfeed/reconnect-policy';
import type { SocketEvent, SocketFailure } from './socket-event';
import type { ResolvedSocketOptions } from './socket-options';

/**
 * One WebSocket connection as a cold Observable: `connecting`, `open`, `message`s, then one
 * `closed` and completion. Transport failures never error the Observable; they end it with a
 * `closed` event that says what failed. Unsubscribing closes the socket and stops the watchdog.
 */
export function socketSession(
  options: ResolvedSocketOptions,
  attempt: number,
): Observable<SocketEvent> {
  return new Observable<SocketEvent>((subscriber) => {
    subscriber.next({ type: 'connecting', attempt });
    let ws: WebSocket;
    try {
      ws = new WebSocket(options.url, clientOptions(options));
    } catch (error) {
      subscriber.next(
        closedEvent(1006, '', describe(error, 'TRANSPORT_ERROR', options.url)),
      );
      subscriber.complete();
      return undefined;
    }
    ws.binaryType = 'nodebuffer';
    const watch = watchEvents(ws, options, (event) => subscriber.next(event));
    ws.once('close', () => subscriber.complete());

    return () => {
      watch.unsubscribe();
      closeQuietly(ws);
    };
  });
}

/**
 * Forwards the socket's events and runs the silence watchdog: any frame, ping or pong counts
 * as life; silence past `silenceTimeoutMs` terminates the socket, which then closes (1006).
 */
function watchEvents(
  ws: WebSocket,
  options: ResolvedSocketOptions,
  emit: (event: SocketEvent) => void,
): Subscription {
  const life = new Subject<void>();
  const watchdog = new Subscription();
  let failure: SocketFailure | undefined;
  let opened = false;
  ws.on('open', () => {
    opened = true;
    // Silence counts only once open; the handshake has its own timeout.
    watchdog.add(
      life
        .pipe(silenceTimeout(options.silenceTimeoutMs, options.scheduler))
        .subscribe({
          error: (error: unknown) => {
            failure = describe(error, 'SILENCE_TIMEOUT', options.url);
            ws.terminate();
          },
        }),
    );
    emit({ type: 'open' });
  });
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    life.next();
    emit(
      isBinary
        ? { type: 'message', data, binary: true }
        : { type: 'message', data: data.toString('utf8'), binary: false },
    );
  });
  ws.on('ping', () => life.next());
  ws.on('pong', () => life.next());
  ws.on('error', (error: Error) => {
    // Not readyState: ws moves to CLOSING before it emits a frame error (invalid UTF-8...).
    const code = opened ? 'TRANSPORT_ERROR' : 'HANDSHAKE_FAILED';
    failure ??= describe(error, code, options.url);
  });
  ws.on('close', (code: number, reason: Buffer) => {
    watchdog.unsubscribe();
    emit(closedEvent(code, reason.toString('utf8'), failure));
  });
  return watchdog;
}

/** ws >= 8.18 reads `closeTimeout`; @types/ws does not declare it yet. */
function clientOptions(
  options: ResolvedSocketOptions,
): ClientOptions & { closeTimeout: number } {
  return {
    headers: { ...options.headers },
    maxPayload: options.maxPayload,
    handshakeTimeout: options.handshakeTimeoutMs,
    closeTimeout: options.closeTimeoutMs,
  };
}

function closedEvent(
  code: number,
  reason: string,
  failure?: SocketFailure,
): SocketEvent {
  return failure
    ? { type: 'closed', code, reason, failure }
    : { type: 'closed', code, reason };
}

function describe(
  error: unknown,
  code: SocketFailure['code'],
  url: string,
): SocketFailure {
  const message = error instanceof Error ? error.message : String(error);
  return { code, message: scrubUrlSecrets(message, url) };
}

/** Ends the connection without letting late events reach anyone. */
function closeQuietly(ws: WebSocket): void {
  ws.removeAllListeners();
  // Aborting a handshake emits 'error'; without a listener it would crash the process.
  ws.on('error', () => undefined);
  if (ws.readyState === WebSocket.OPEN) {
    // A polite close frame; `closeTimeout` bounds the wait for the server's answer.
    ws.close(1000, 'client unsubscribed');
  } else if (ws.readyState === WebSocket.CONNECTING) {
    ws.terminate();
  }
}
