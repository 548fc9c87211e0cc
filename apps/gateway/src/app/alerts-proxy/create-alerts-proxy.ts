import {
  parseRequestTarget,
  sendError,
  type Logger,
} from '@secfeed/service-runtime';
import {
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { pipeline } from 'node:stream';
import type { Counter } from 'prom-client';
import { ALERTS_PROXY_CODES, type AlertsProxyCode } from './alerts-proxy-codes';
import { BodyTooLargeError, bodyLimit } from './body-limit';
import {
  requestHeadersForAlerts,
  responseHeadersFromAlerts,
} from './proxy-headers';

/** The alerts service's own cap on a rule body (64 KiB), with room for its JSON framing. */
export const DEFAULT_ALERTS_MAX_BODY_BYTES = 64 * 1024;
/** Longer than the service's slowest answer: a test-send waits up to `ALERTS_TIMEOUT_MS` (10 s). */
export const DEFAULT_ALERTS_TIMEOUT_MS = 15_000;

export interface AlertsProxyOptions {
  /** The service's origin, e.g. `http://127.0.0.1:9002` (`GATEWAY_ALERTS_URL`). */
  readonly baseUrl: string;
  readonly logger: Logger;
  readonly metrics: { readonly errors: Counter<'code'> };
  /**
   * Silence allowed from the service, before its answer and between chunks of it; past it 504
   * `ALERTS_TIMEOUT`. Default {@link DEFAULT_ALERTS_TIMEOUT_MS}.
   */
  readonly timeoutMs?: number;
  /** Largest request body forwarded; past it 413 `PAYLOAD_TOO_LARGE`. Default 64 KiB. */
  readonly maxBodyBytes?: number;
}

/** Raised on the outgoing request when the service stays silent past the timeout. */
class AlertsTimeoutError extends Error {}

/**
 * Forwards one request, as it came (method, path, query, body, headers but the hop-by-hop ones),
 * to the alerts service and streams its answer back (status, headers, body). The caller has done
 * the gateway's access check. Never throws and never rejects: a service that is down gets 502
 * `ALERTS_UNAVAILABLE`, a silent one 504 `ALERTS_TIMEOUT`, a body over the cap 413
 * `PAYLOAD_TOO_LARGE`; a peer that resets its side mid-way ends the other side's exchange.
 *
 * @example
 * ```ts
 * const forward = createAlertsProxy({ baseUrl: 'http://127.0.0.1:9002', logger, metrics });
 * if (isAlertsPath(requestPath(req.url))) forward(req, res);
 * ```
 */
export function createAlertsProxy(
  options: AlertsProxyOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const base = new URL(options.baseUrl);
  const send = base.protocol === 'https:' ? httpsRequest : httpRequest;
  const timeoutMs = options.timeoutMs ?? DEFAULT_ALERTS_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_ALERTS_MAX_BODY_BYTES;
  const { logger, metrics } = options;

  const refuse = (
    res: ServerResponse,
    status: number,
    code: AlertsProxyCode,
    message: string,
    detail?: string,
  ) => {
    metrics.errors.inc({ code });
    logger.warn({ code, err: detail }, 'alerts request not forwarded');
    if (res.headersSent) res.destroy();
    else sendError(res, status, code, message, { connection: 'close' });
  };

  return (req, res) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) {
      refuse(
        res,
        413,
        ALERTS_PROXY_CODES.tooLarge,
        `the body is larger than ${maxBodyBytes} bytes`,
      );
      req.resume();
      return;
    }
    // The path as the gateway routed it (dot segments resolved), so `/api/alert-rules/../x`
    // never reaches another path of the service.
    const target = parseRequestTarget(req.url);
    const path = `${target?.pathname ?? '/'}${target?.search ? `?${target.search}` : ''}`;
    const outgoing = send(new URL(path, base), {
      method: req.method,
      headers: requestHeadersForAlerts(
        req.headers,
        req.socket.remoteAddress,
        Boolean((req.socket as TLSSocket).encrypted),
      ),
      // One connection per request: an admin API, and nothing left open at shutdown.
      agent: false,
    });
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      outgoing.destroy();
      if (res.destroyed) return; // the browser left first
      if (err instanceof BodyTooLargeError)
        refuse(res, 413, ALERTS_PROXY_CODES.tooLarge, err.message);
      else if (err instanceof AlertsTimeoutError)
        refuse(
          res,
          504,
          ALERTS_PROXY_CODES.timeout,
          'the alerts service did not answer in time',
        );
      else
        refuse(
          res,
          502,
          ALERTS_PROXY_CODES.unavailable,
          'the alerts service cannot be reached; retry later',
          (err as NodeJS.ErrnoException).code ?? err.message,
        );
    };
    outgoing.setTimeout(timeoutMs, () =>
      outgoing.destroy(new AlertsTimeoutError()),
    );
    outgoing.on('error', fail);
    // The browser went away (a reset, a closed tab) before the answer ended: stop asking.
    res.on('close', () => {
      if (!res.writableFinished) {
        settled = true;
        outgoing.destroy();
      }
    });
    outgoing.on('response', (answer) => {
      if (settled) {
        answer.resume();
        return;
      }
      settled = true;
      res.writeHead(
        answer.statusCode ?? 502,
        answer.statusMessage,
        responseHeadersFromAlerts(answer.headers, res.getHeader('vary')),
      );
      pipeline(answer, res, (err) => {
        // The service reset mid-answer: the browser sees a cut answer, never a complete-looking one.
        if (err && !res.writableFinished) res.destroy();
      });
    });
    // Not `pipeline`: on a body over the cap it would destroy `req`, and with it the socket
    // the 413 must go out on.
    const limiter = bodyLimit(maxBodyBytes);
    limiter.on('error', (err) => {
      req.unpipe(limiter);
      req.resume();
      fail(err);
    });
    // A browser reset mid-body: `res` closes too (above); this only keeps the error handled.
    req.on('error', () => outgoing.destroy());
    req.pipe(limiter).pipe(outgoing);
  };
}
