import {
  createHealthHandler,
  type HealthHandlerOptions,
} from '@secfeed/service-runtime';
import { createServer, type Server } from 'node:http';

/** Starts the ingest's operations endpoint: `/healthz`, `/readyz`, `/metrics`; 404 elsewhere. */
export async function startHttpServer(
  port: number,
  options: HealthHandlerOptions,
): Promise<Server> {
  const handle = createHealthHandler(options);
  const server = createServer((req, res) => {
    if (handle(req, res)) return;
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        error: {
          code: 'NOT_FOUND',
          message: 'GET /healthz, /readyz or /metrics',
        },
      }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  });
  return server;
}
