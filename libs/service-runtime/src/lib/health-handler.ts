import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

/** What `/readyz` reports: ready, or not with the reasons. */
export interface Readiness {
  ready: boolean;
  /** Machine-readable reasons when not ready, e.g. `['REDIS_UNAVAILABLE']`. */
  reasons: string[];
  /** Extra facts for operators (buffer depth, upstream state...). */
  details?: Record<string, unknown>;
}

/** Options of {@link createHealthHandler}. */
export interface HealthHandlerOptions {
  /** The prom-client registry served at `/metrics`. */
  registry: Registry;
  /** Called per `/readyz` request. */
  readiness: () => Readiness;
}

/**
 * Handles `GET /healthz` (200 while the process runs), `GET /readyz` (200 when ready, 503 with
 * the reasons otherwise) and `GET /metrics` (Prometheus text format). Returns false for any
 * other request, so a service can mount it in front of its own routes.
 */
export function createHealthHandler(
  options: HealthHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      json(res, 200, { status: 'ok' });
      return true;
    }
    if (path === '/readyz') {
      const readiness = options.readiness();
      json(res, readiness.ready ? 200 : 503, {
        status: readiness.ready ? 'ready' : 'not_ready',
        reasons: readiness.reasons,
        ...readiness.details,
      });
      return true;
    }
    if (path === '/metrics') {
      options.registry.metrics().then(
        (text) =>
          res
            .writeHead(200, { 'content-type': options.registry.contentType })
            .end(text),
        (err: Error) =>
          json(res, 500, {
            error: { code: 'METRICS_FAILED', message: err.message },
          }),
      );
      return true;
    }
    return false;
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { 'content-type': 'application/json' })
    .end(JSON.stringify(body));
}
