import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from './create-logger';

/** What a connection that broke before or during a request is counted as. */
export const CLIENT_ERROR_CODES = Object.freeze({
  /** The bytes are not HTTP/1.1 (a bad request line, header or chunk). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** Request line and headers above Node's 16 KiB limit. */
  HEADERS_TOO_LARGE: 'HEADERS_TOO_LARGE',
  /** Headers or body not complete in time (a slow or stalled client). */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** The client reset or dropped the connection. */
  CLIENT_RESET: 'CLIENT_RESET',
} as const);

type ClientErrorCode =
  (typeof CLIENT_ERROR_CODES)[keyof typeof CLIENT_ERROR_CODES];

const ANSWERS: Record<ClientErrorCode, number | undefined> = {
  BAD_REQUEST: 400,
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  CLIENT_RESET: undefined,
};

/** Node's error codes for each case (`err.code` of a `clientError`). */
function classify(err: Error & { code?: string }): ClientErrorCode {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return CLIENT_ERROR_CODES.HEADERS_TOO_LARGE;
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'HPE_HEADERS_TIMEOUT':
      return CLIENT_ERROR_CODES.REQUEST_TIMEOUT;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ETIMEDOUT':
    case 'HPE_INVALID_EOF_STATE': // the client closed in the middle of a request
      return CLIENT_ERROR_CODES.CLIENT_RESET;
    default:
      return CLIENT_ERROR_CODES.BAD_REQUEST;
  }
}

/** Sockets already reported (and answered or destroyed). */
const reported = new WeakSet<Duplex>();

/** What {@link handleClientError} reports to: a logger and a service's `errors{code}` counter. */
export interface ClientErrorContext {
  readonly logger: Logger;
  readonly metrics: {
    readonly errors: { inc(labels: { code: string }): void };
  };
}

/**
 * An HTTP server's `clientError` listener (every secfeed service that listens uses it): a connection whose bytes are not HTTP, whose headers are
 * too large or too slow, or that broke. Answers 400, 431 or 408 with the usual JSON error body
 * when the socket can still take it and no response is under way on it, and destroys it
 * otherwise. Each is counted in `errors{code}` and logged (a reset at `debug`: clients do that).
 */
export function handleClientError(
  err: Error & { code?: string },
  socket: Duplex,
  { logger, metrics }: ClientErrorContext,
): void {
  // Node reports the end of a socket it already gave up on (a 408 sent, then the client's
  // FIN) a second time: one broken connection is one error.
  if (reported.has(socket)) {
    socket.destroy();
    return;
  }
  reported.add(socket);
  const code = classify(err);
  metrics.errors.inc({ code });
  const level = code === CLIENT_ERROR_CODES.CLIENT_RESET ? 'debug' : 'info';
  logger[level]({ code, err: err.code ?? err.message }, 'client error');
  const status = ANSWERS[code];
  // Node sets `_httpMessage` to the response being written on this socket, if any.
  const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })
    ._httpMessage;
  if (status === undefined || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify({
    error: { code, message: STATUS_CODES[status] ?? 'bad request' },
  });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * Makes a raw socket safe to write to and to drop: with no `error` listener, a reset would be
 * an uncaught exception. Errors are logged at `debug` and left to whoever owns the socket.
 */
export function guardSocket(socket: Duplex, logger: Logger): void {
  socket.on('error', (err: Error & { code?: string }) =>
    logger.debug({ err: err.code ?? err.message }, 'client socket error'),
  );
}
