import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { retryAfterMs, sendRequest } from './send-request';

describe('sendRequest', () => {
  let server: Server;
  let other: Server;
  let base: string;
  let otherBase: string;
  const hits: string[] = [];

  beforeAll(async () => {
    const listen = async (handler: Parameters<typeof createServer>[1]) => {
      const s = createServer(handler);
      await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
      return s;
    };
    other = await listen((req, res) => {
      hits.push(`other ${req.url}`);
      res.end('ok');
    });
    otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    server = await listen((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      const routes: Record<string, () => void> = {
        '/ok': () => res.writeHead(204).end(),
        '/same': () => res.writeHead(307, { location: '/ok' }).end(),
        '/elsewhere': () =>
          res.writeHead(308, { location: `${otherBase}/x` }).end(),
        '/see-other': () => res.writeHead(303, { location: '/ok' }).end(),
        '/limited': () =>
          res
            .writeHead(429, { 'content-type': 'application/json' })
            .end('{"retry_after":1.5}'),
        '/down': () => res.writeHead(503, { 'retry-after': '2' }).end(),
        '/gone': () => res.writeHead(410).end(),
        '/slow': () => setTimeout(() => res.writeHead(200).end(), 500),
      };
      (routes[req.url ?? ''] ?? (() => res.writeHead(404).end()))();
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    other.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await new Promise((resolve) => other.close(resolve));
  });

  const send = (path: string, timeoutMs = 2000) =>
    sendRequest(
      {
        url: `${base}${path}`,
        headers: { 'content-type': 'application/json' },
        body: '{}',
      },
      { timeoutMs },
    );

  it('classifies answers: 2xx delivered, 429 and 5xx retried with their hints, other 4xx given up', async () => {
    expect(await send('/ok')).toEqual({ ok: true, status: 204 });
    expect(await send('/limited')).toMatchObject({
      ok: false,
      code: 'RATE_LIMITED',
      retryable: true,
      retryAfterMs: 1500,
    });
    expect(await send('/down')).toMatchObject({
      ok: false,
      code: 'SERVER_ERROR',
      retryable: true,
      retryAfterMs: 2000,
    });
    expect(await send('/gone')).toMatchObject({
      ok: false,
      code: 'REJECTED',
      retryable: false,
      status: 410,
    });
  });

  it('follows a same-origin 307 but never a redirect to another host or one that drops the POST', async () => {
    hits.length = 0;
    expect(await send('/same')).toEqual({ ok: true, status: 204 });
    expect(hits).toEqual(['POST /same', 'POST /ok']);
    hits.length = 0;
    expect(await send('/elsewhere')).toMatchObject({
      ok: false,
      code: 'REDIRECT_REFUSED',
      retryable: false,
      status: 308,
    });
    expect(await send('/see-other')).toMatchObject({
      ok: false,
      code: 'REDIRECT_REFUSED',
      status: 303,
    });
    expect(hits.some((hit) => hit.startsWith('other'))).toBe(false);
  });

  it('times out and reports network errors by code, both retried', async () => {
    expect(await send('/slow', 100)).toEqual({
      ok: false,
      code: 'TIMEOUT',
      retryable: true,
    });
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const port = (gone.address() as AddressInfo).port;
    await new Promise((resolve) => gone.close(resolve));
    const closed = await sendRequest({
      url: `http://127.0.0.1:${port}/x`,
      headers: {},
      body: '',
    });
    expect(closed).toMatchObject({
      ok: false,
      code: 'NETWORK_ERROR',
      retryable: true,
      detail: 'ECONNREFUSED',
    });
  });

  it('reads Retry-After in seconds, as a date, and Telegram retry_after', () => {
    expect(retryAfterMs('3', '')).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), '', 4000)).toBe(6000);
    expect(
      retryAfterMs(null, '{"ok":false,"parameters":{"retry_after":7}}'),
    ).toBe(7000);
    expect(retryAfterMs(null, 'not json')).toBeUndefined();
  });
});
