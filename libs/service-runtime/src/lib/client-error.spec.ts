import { waitUntil } from '@secfeed/test-kit';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { Counter, Registry } from 'prom-client';
import { handleClientError } from './client-error';
import { createLogger } from './create-logger';

describe('handleClientError', () => {
  let server: Server;
  let port: number;
  let errors: Counter<'code'>;

  beforeEach(async () => {
    errors = new Counter({
      name: 'errors_total',
      help: 'errors',
      labelNames: ['code'],
      registers: [new Registry()],
    });
    const context = {
      logger: createLogger('gateway', 'silent'),
      metrics: { errors },
    };
    // Short timeouts, so a stalled request times out within the test.
    server = createServer(
      {
        headersTimeout: 300,
        requestTimeout: 300,
        connectionsCheckingInterval: 50,
      },
      (_req, res) => res.end('ok'),
    );
    server.on('clientError', (err: Error, socket) =>
      handleClientError(err, socket, context),
    );
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', resolve),
    );
    port = (server.address() as AddressInfo).port;
  });
  afterEach(() => new Promise((resolve) => server.close(resolve)));

  /** What was counted, once the server side of every connection is closed too. */
  const counts = async () => {
    await waitUntil(
      () =>
        new Promise<boolean>((resolve) =>
          server.getConnections((_err, open) => resolve(open === 0)),
        ),
      'the server side closed',
    );
    return Object.fromEntries(
      (await errors.get()).values.map((v) => [v.labels['code'], v.value]),
    );
  };

  /** Sends `bytes` (and a FIN when `end`), resolves with the answer once the server closes. */
  const send = (bytes: string, end = false) =>
    new Promise<string>((resolve) => {
      let text = '';
      const socket = connect(port, '127.0.0.1', () =>
        end ? socket.end(bytes) : socket.write(bytes),
      );
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(text));
    });

  it('answers bytes that are not HTTP with a coded 400', async () => {
    const answer = await send('NOT HTTP AT ALL\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(answer).toContain('{"error":{"code":"BAD_REQUEST"');
    expect(await counts()).toEqual({ BAD_REQUEST: 1 });
  });

  it('answers headers that never end with 408 once, and counts the connection once', async () => {
    const answer = await send('GET / HTTP/1.1\r\nHost: x\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
    expect(await counts()).toEqual({ REQUEST_TIMEOUT: 1 });
  });

  it('counts a client that closes in the middle of its headers as a reset, with no answer', async () => {
    expect(await send('GET / HTTP/1.1\r\nHo', true)).toBe('');
    expect(await counts()).toEqual({ CLIENT_RESET: 1 });
  });
});
