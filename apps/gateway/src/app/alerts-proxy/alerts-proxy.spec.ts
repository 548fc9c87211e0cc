// The gateway forwards /api/alert-rules to the alerts service: the production GatewayService on
// a real port, a real local HTTP server standing in for the alerts service, real sockets.
import { signJwt } from '@secfeed/access-control';
import { createLogger } from '@secfeed/service-runtime';
import { uniqueKeyPrefix } from '@secfeed/test-kit';
import {
  createServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { loadGatewayConfig } from '../config/gateway-config';
import { GatewayService } from '../gateway-service';
import { createGatewayMetrics } from '../metrics/gateway-metrics';
import { createAlertsProxy } from './create-alerts-proxy';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

/** What the stand-in alerts service received. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  aborted: boolean;
}

/** A local HTTP server playing the alerts service; `answer` decides each reply. */
class StandIn {
  readonly seen: Seen[] = [];
  answer: (req: IncomingMessage, res: ServerResponse, body: string) => void = (
    _req,
    res,
  ) => res.writeHead(204).end();
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const seen: Seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: '',
        aborted: false,
      };
      this.seen.push(seen);
      req.on('data', (chunk: Buffer) => (seen.body += chunk.toString()));
      req.on('error', () => (seen.aborted = true));
      req.on('aborted', () => (seen.aborted = true));
      req.on('end', () => this.answer(req, res, seen.body));
    });
    await new Promise<void>((resolve) =>
      this.server?.listen(0, '127.0.0.1', resolve),
    );
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

async function startGateway(env: NodeJS.ProcessEnv): Promise<{
  service: GatewayService;
  base: string;
  port: number;
}> {
  const service = new GatewayService({
    config: loadGatewayConfig({
      SECFEED_KEY_PREFIX: uniqueKeyPrefix('gw-alerts-proxy'),
      GATEWAY_PORT: '0',
      GATEWAY_STATIC_DIR: '/nonexistent',
      ...env,
    }),
    logger: createLogger('gateway', 'silent'),
    metrics: createGatewayMetrics(false),
  });
  const port = await service.start();
  return { service, base: `http://127.0.0.1:${port}`, port };
}

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const errorCode = async (response: Response) =>
  ((await response.json()) as { error: { code: string } }).error.code;

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !check(); i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error(`never: ${what}`);
};

describe('the gateway forwarding /api/alert-rules', () => {
  const alerts = new StandIn();
  let gateway: Awaited<ReturnType<typeof startGateway>>;

  beforeAll(async () => {
    const alertsUrl = await alerts.start();
    gateway = await startGateway({ GATEWAY_ALERTS_URL: alertsUrl });
  });
  afterAll(async () => {
    await gateway.service.stop(0);
    await alerts.close();
  });
  beforeEach(() => {
    alerts.seen.length = 0;
    alerts.answer = (_req, res) => res.writeHead(204).end();
  });

  it('forwards method, path, query, body and headers, and answers status, headers and body as the service did', async () => {
    alerts.answer = (_req, res, body) =>
      res
        .writeHead(201, {
          'content-type': 'application/json; charset=utf-8',
          location: '/api/alert-rules/r1',
          'x-from-alerts': 'yes',
          'access-control-allow-origin': 'https://evil.example.com',
        })
        .end(JSON.stringify({ echoed: JSON.parse(body) as unknown }));
    const response = await fetch(
      `${gateway.base}/api/alert-rules?view=full&x=%20y`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: 'Bearer abc.def.ghi',
          'x-request-id': 'req-7',
          origin: 'https://dashboard.example.com',
        },
        body: JSON.stringify({ name: 'AAPL 8-K' }),
      },
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/api/alert-rules/r1');
    expect(response.headers.get('x-from-alerts')).toBe('yes');
    // CORS is the gateway's business, not the service's.
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.json()).toEqual({ echoed: { name: 'AAPL 8-K' } });

    expect(alerts.seen).toHaveLength(1);
    const [seen] = alerts.seen;
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/api/alert-rules?view=full&x=%20y');
    expect(seen.body).toBe('{"name":"AAPL 8-K"}');
    expect(seen.headers['authorization']).toBe('Bearer abc.def.ghi');
    expect(seen.headers['x-request-id']).toBe('req-7');
    expect(seen.headers['content-type']).toBe('application/json');
    expect(seen.headers['origin']).toBeUndefined();
    expect(seen.headers['x-forwarded-for']).toMatch(/127\.0\.0\.1$/);
    expect(seen.headers['host']).not.toBe(`127.0.0.1:${gateway.port}`);
  });

  it.each([
    ['GET', '/api/alert-rules/r1/deliveries', 200],
    ['PUT', '/api/alert-rules/r1', 200],
    ['PATCH', '/api/alert-rules/r1', 400],
    ['DELETE', '/api/alert-rules/r1', 204],
    ['POST', '/api/alert-rules/r1/dead-letters/retry', 502],
  ])(
    '%s %s comes back with the service status %d',
    async (method, path, status) => {
      alerts.answer = (_req, res) =>
        status === 204
          ? res.writeHead(204).end()
          : res
              .writeHead(status, { 'content-type': 'application/json' })
              .end(JSON.stringify({ status }));
      const response = await fetch(`${gateway.base}${path}`, {
        method,
        body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
      });
      expect(response.status).toBe(status);
      if (status !== 204) expect(await response.json()).toEqual({ status });
      expect(alerts.seen.map((s) => `${s.method} ${s.url}`)).toEqual([
        `${method} ${path}`,
      ]);
    },
  );

  it('forwards the path as the gateway routed it (dot segments resolved), and nothing outside /api/alert-rules', async () => {
    await fetch(`${gateway.base}/api/alert-rules/x/%2e%2e/r2`);
    expect(alerts.seen.map((s) => s.url)).toEqual(['/api/alert-rules/r2']);
    const other = await fetch(`${gateway.base}/api/alert-rulesx`);
    expect(other.status).not.toBe(204);
    expect(alerts.seen).toHaveLength(1);
  });

  it('refuses a body over 64 KiB with 413 PAYLOAD_TOO_LARGE, declared or chunked, without bothering the service', async () => {
    const big = 'x'.repeat(64 * 1024 + 1);
    const declared = await fetch(`${gateway.base}/api/alert-rules`, {
      method: 'POST',
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(await errorCode(declared)).toBe('PAYLOAD_TOO_LARGE');

    const chunked = await new Promise<{ status: number; body: string }>(
      (resolve, reject) => {
        const req = request(
          `${gateway.base}/api/alert-rules`,
          { method: 'POST', headers: { 'transfer-encoding': 'chunked' } },
          (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => (body += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        for (let i = 0; i < 10; i++) req.write('y'.repeat(8 * 1024));
        req.end();
      },
    );
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body)).toMatchObject({
      error: { code: 'PAYLOAD_TOO_LARGE' },
    });
    // The chunked one reached the service before the cap and was cut there, never completed.
    await until(
      () => alerts.seen.every((seen) => seen.aborted || seen.body === ''),
      'the service to see the chunked body cut',
    );
    expect((await fetch(`${gateway.base}/healthz`)).status).toBe(200);
  });

  it('survives a browser that resets mid-body, and the service sees the request cut', async () => {
    const socket = connect(gateway.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /api/alert-rules HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":"half',
    );
    await until(() => alerts.seen.length === 1, 'the request forwarded');
    socket.resetAndDestroy();
    await until(() => alerts.seen[0].aborted, 'the service to see it cut');
    expect((await fetch(`${gateway.base}/healthz`)).status).toBe(200);
    const next = await fetch(`${gateway.base}/api/alert-rules`);
    expect(next.status).toBe(204);
  });

  it('survives a service that resets mid-answer: the browser gets a cut answer, never a whole one', async () => {
    alerts.answer = (req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': '1000',
      });
      res.write('{"rules":[');
      setTimeout(() => req.socket.resetAndDestroy(), 20);
    };
    const response = await fetch(`${gateway.base}/api/alert-rules`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect((await fetch(`${gateway.base}/healthz`)).status).toBe(200);
    alerts.answer = (_req, res) => res.writeHead(204).end();
    expect((await fetch(`${gateway.base}/api/alert-rules`)).status).toBe(204);
  });
});

describe('the gateway with the alerts service away', () => {
  it('answers 502 ALERTS_UNAVAILABLE when nothing listens, and goes on serving', async () => {
    const gateway = await startGateway({
      GATEWAY_ALERTS_URL: `http://127.0.0.1:${await closedPort()}`,
    });
    try {
      const response = await fetch(`${gateway.base}/api/alert-rules`, {
        method: 'POST',
        body: '{"name":"x"}',
      });
      expect(response.status).toBe(502);
      expect(await errorCode(response)).toBe('ALERTS_UNAVAILABLE');
      expect((await fetch(`${gateway.base}/healthz`)).status).toBe(200);
    } finally {
      await gateway.service.stop(0);
    }
  });
});

describe('the gateway with auth on', () => {
  const alerts = new StandIn();
  let gateway: Awaited<ReturnType<typeof startGateway>>;

  beforeAll(async () => {
    gateway = await startGateway({
      GATEWAY_ALERTS_URL: await alerts.start(),
      GATEWAY_AUTH_SECRET: SECRET,
    });
  });
  afterAll(async () => {
    await gateway.service.stop(0);
    await alerts.close();
  });

  it('answers 401 TOKEN_MISSING without a token and never asks the service', async () => {
    const response = await fetch(`${gateway.base}/api/alert-rules`);
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe('TOKEN_MISSING');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(alerts.seen).toHaveLength(0);
  });

  it('passes a valid token on to the service', async () => {
    const token = signJwt(
      { sub: 'u', exp: Math.floor(Date.now() / 1000) + 60 },
      SECRET,
    );
    const response = await fetch(`${gateway.base}/api/alert-rules`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(204);
    expect(alerts.seen[0].headers['authorization']).toBe(`Bearer ${token}`);
  });
});

describe('createAlertsProxy on a silent service', () => {
  it('answers 504 ALERTS_TIMEOUT past its timeout', async () => {
    const silent = createServer(() => undefined); // reads, never answers
    await new Promise<void>((resolve) =>
      silent.listen(0, '127.0.0.1', resolve),
    );
    const forward = createAlertsProxy({
      baseUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
      logger: createLogger('gateway', 'silent'),
      metrics: createGatewayMetrics(false),
      timeoutMs: 150,
    });
    const front = createServer((req, res) => forward(req, res));
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const response = await fetch(
        `http://127.0.0.1:${(front.address() as AddressInfo).port}/api/alert-rules/r1/test`,
        { method: 'POST' },
      );
      expect(response.status).toBe(504);
      expect(await errorCode(response)).toBe('ALERTS_TIMEOUT');
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      silent.closeAllConnections();
      front.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
      await new Promise((resolve) => front.close(resolve));
    }
  });
});
