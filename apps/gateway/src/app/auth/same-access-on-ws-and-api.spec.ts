// `/ws` and `/api` sit behind the same access check: the production GatewayService, on a real
// HTTP server and the real Redis, must answer a refused origin or token with the same status
// and code on both, and let the same requests through.
import { createLogger } from '@secfeed/service-runtime';
import { uniqueKeyPrefix } from '@secfeed/test-kit';
import { get, type OutgoingHttpHeaders } from 'node:http';
import { WebSocket } from 'ws';
import { loadGatewayConfig } from '../config/gateway-config';
import { GatewayService } from '../gateway-service';
import { createGatewayMetrics } from '../metrics/gateway-metrics';
import { signJwt } from '@secfeed/access-control';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const ALLOWED = 'https://app.example.com';
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** What a request got: the status and, for a refusal, the body's error code. */
interface Answer {
  status: number;
  code?: string;
}

const codeOf = (body: string) =>
  (JSON.parse(body) as { error: { code: string } }).error.code;

/** A WebSocket handshake: 101 when upgraded, else the refusal's status and code. */
function upgrade(url: string, headers: OutgoingHttpHeaders): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.close();
      resolve({ status: 101 });
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, code: codeOf(body) }),
      );
    });
    ws.once('error', reject);
  });
}

/** A GET of the REST API: the status and, for an error, its code. */
function api(url: string, headers: OutgoingHttpHeaders): Promise<Answer> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        resolve(status === 200 ? { status } : { status, code: codeOf(body) });
      });
    }).once('error', reject);
  });
}

describe('one access check for /ws and /api', () => {
  let service: GatewayService;
  let port: number;

  beforeAll(async () => {
    const config = loadGatewayConfig({
      SECFEED_KEY_PREFIX: uniqueKeyPrefix('gw-access'),
      GATEWAY_PORT: '0',
      GATEWAY_AUTH_SECRET: SECRET,
      GATEWAY_ALLOWED_ORIGINS: ALLOWED,
    });
    service = new GatewayService({
      config,
      logger: createLogger('gateway', 'silent'),
      metrics: createGatewayMetrics(false),
    });
    port = await service.start();
  });
  afterAll(() => service.stop(0));

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const valid = () =>
    bearer(signJwt({ sub: 'u', exp: nowSeconds() + 60 }, SECRET));

  it.each<[string, () => OutgoingHttpHeaders, Answer]>([
    [
      'an origin not listed',
      () => ({ origin: 'https://evil.example.com', ...valid() }),
      { status: 403, code: 'ORIGIN_FORBIDDEN' },
    ],
    [
      'an empty Origin header',
      () => ({ origin: '', ...valid() }),
      { status: 403, code: 'ORIGIN_FORBIDDEN' },
    ],
    [
      'no token',
      () => ({ origin: ALLOWED }),
      { status: 401, code: 'TOKEN_MISSING' },
    ],
    [
      'a malformed token',
      () => bearer('abc'),
      { status: 401, code: 'TOKEN_MALFORMED' },
    ],
    [
      'a token signed with another secret',
      () => bearer(signJwt({ sub: 'u' }, `${SECRET}!`)),
      { status: 401, code: 'TOKEN_BAD_SIGNATURE' },
    ],
    [
      'an expired token',
      () => bearer(signJwt({ exp: nowSeconds() - 3600 }, SECRET)),
      { status: 401, code: 'TOKEN_EXPIRED' },
    ],
    [
      'alg none',
      () => bearer(signJwt({}, SECRET, { alg: 'none' }).replace(/[^.]+$/, '')),
      { status: 401, code: 'TOKEN_ALG_UNSUPPORTED' },
    ],
  ])(
    'refuses %s with the same answer on both',
    async (_label, headers, expected) => {
      const answers = {
        ws: await upgrade(`ws://127.0.0.1:${port}/ws`, headers()),
        api: await api(`http://127.0.0.1:${port}/api/filings`, headers()),
      };
      expect(answers).toEqual({ ws: expected, api: expected });
    },
  );

  it.each<[string, () => OutgoingHttpHeaders]>([
    [
      'a listed origin with a valid token',
      () => ({ origin: ALLOWED, ...valid() }),
    ],
    ['a valid token and no Origin (not a browser)', valid],
  ])('lets %s through on both', async (_label, headers) => {
    const answers = {
      ws: await upgrade(`ws://127.0.0.1:${port}/ws`, headers()),
      api: await api(`http://127.0.0.1:${port}/api/filings`, headers()),
    };
    expect(answers).toEqual({ ws: { status: 101 }, api: { status: 200 } });
  });
});
