// Regression: an upgrade off /ws answered with a 404 written to a socket with no `error`
// listener, so a client that reset the connection took the process down (ECONNRESET/EPIPE).
// Resets at every point of an upgrade, and bytes that are not HTTP, now leave it up.
import { uniqueKeyPrefix, waitUntil } from '@secfeed/test-kit';
import {
  startGatewayProcess,
  type GatewayProcess,
} from './test-support/gateway-process';
import {
  exchange,
  openSocket,
  sendThenReset,
  statusOf,
  upgradeRequest,
} from './test-support/raw-http';

jest.setTimeout(60_000);

describe('the built gateway, given clients that reset or send garbage', () => {
  let gateway: GatewayProcess;
  let port: number;

  beforeAll(async () => {
    gateway = startGatewayProcess({
      SECFEED_KEY_PREFIX: uniqueKeyPrefix('gw-resets'),
      GATEWAY_PORT: '0',
    });
    port = await gateway.port();
    await gateway.ready();
  });
  afterAll(() => gateway.kill());

  const metric = async (sample: string): Promise<number> => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
    return line ? Number(line.slice(sample.length + 1)) : 0;
  };

  it.each(['/nope', '//', '/ws', '/ws?token=x'])(
    'stays up through 100 upgrades to %s each reset at once',
    async (target) => {
      await Promise.all(
        Array.from({ length: 100 }, () =>
          sendThenReset(port, upgradeRequest(target)),
        ),
      );
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(
        200,
      );
      expect(gateway.alive).toBe(true);
    },
  );

  it('stays up when upgrades are reset part-way through their headers', async () => {
    const request = upgradeRequest('/nope');
    for (let cut = 1; cut < request.length; cut += 7)
      await sendThenReset(port, request.slice(0, cut));
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(gateway.alive).toBe(true);
  });

  it('stays up when a client resets after reading half of a 404', async () => {
    for (let i = 0; i < 50; i += 1) {
      const socket = await openSocket(port);
      socket.on('error', () => undefined);
      await new Promise<void>((resolve) => {
        socket.once('data', () => {
          socket.resetAndDestroy();
          resolve();
        });
        socket.write(upgradeRequest('/nope'));
      });
    }
    expect(gateway.alive).toBe(true);
  });

  it('answers bytes that are not HTTP with 400 BAD_REQUEST, counted and logged', async () => {
    const before = await metric(
      'secfeed_gateway_errors_total{code="BAD_REQUEST"}',
    );
    const answer = await exchange(port, 'HELLO THERE\r\n\r\n');
    expect(statusOf(answer)).toBe(400);
    expect(answer).toContain('"code":"BAD_REQUEST"');
    expect(
      await metric('secfeed_gateway_errors_total{code="BAD_REQUEST"}'),
    ).toBe(before + 1);
    // The log line travels on the child's stdout, which may arrive after the answer.
    await waitUntil(
      () => gateway.messages().includes('client error'),
      'the client error to be logged',
    );
  });

  it('answers headers over 16 KiB with 431 HEADERS_TOO_LARGE', async () => {
    const answer = await exchange(
      port,
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`,
    );
    expect(statusOf(answer)).toBe(431);
    expect(answer).toContain('"code":"HEADERS_TOO_LARGE"');
    expect(gateway.alive).toBe(true);
  });
});
