import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Counter, Registry } from 'prom-client';
import { createHealthHandler, Readiness } from './health-handler';

describe('createHealthHandler', () => {
  let server: Server;
  let base: string;
  let readiness: Readiness;
  const registry = new Registry();
  new Counter({
    name: 'secfeed_test_events_total',
    help: 'events',
    registers: [registry],
  }).inc(3);

  beforeAll(async () => {
    const handle = createHealthHandler({
      registry,
      readiness: () => readiness,
    });
    server = createServer((req, res) => {
      if (!handle(req, res)) res.writeHead(404).end('other route');
    });
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve),
    );
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('answers /healthz while the process runs', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz 200 when ready and 503 with the reasons when not', async () => {
    readiness = { ready: true, reasons: [], details: { buffered: 0 } };
    let res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ready',
      reasons: [],
      buffered: 0,
    });
    readiness = { ready: false, reasons: ['REDIS_UNAVAILABLE'] };
    res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: 'not_ready',
      reasons: ['REDIS_UNAVAILABLE'],
    });
  });

  it('serves the registry in Prometheus text format', async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toContain('secfeed_test_events_total 3');
  });

  it('leaves other routes and methods to the service', async () => {
    expect((await fetch(`${base}/api/filings`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(
      404,
    );
  });
});
