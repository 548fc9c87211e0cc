import { createLogger } from '@secfeed/service-runtime';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { routeRequests } from './route-request';

describe('routeRequests', () => {
  const lines: string[] = [];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger('gateway', 'info', sink);
    const route = routeRequests(
      [
        (req, res) => {
          if (!req.url?.startsWith('/ok')) return false;
          res.end('ok');
          return true;
        },
        (req) => {
          if (req.url?.startsWith('/boom'))
            throw new Error(`failed on ${req.url}`.replace(/token=\S+/, ''));
          return false;
        },
      ],
      logger,
    );
    server = createServer((req, res) => void route(req, res));
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve),
    );
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => lines.splice(0));

  it('answers with the first handler that takes the request', async () => {
    expect(await (await fetch(`${base}/ok`)).text()).toBe('ok');
  });

  it('answers 500 INTERNAL when a handler throws, and logs the URL without its token', async () => {
    const res = await fetch(`${base}/boom?limit=5&token=SECRET-JWT`, {
      headers: { authorization: 'Bearer SECRET-HEADER' },
    });
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
      'INTERNAL',
    );
    const logged = lines.join('');
    expect(logged).toContain('Request failed');
    expect(logged).toContain('/boom?limit=5&token=[redacted]');
    expect(logged).not.toContain('SECRET');
  });

  it('answers 404 NOT_FOUND without echoing a token', async () => {
    const res = await fetch(`${base}/nothing?token=SECRET-JWT`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('SECRET');
  });
});
