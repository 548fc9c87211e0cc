// Regression: a client that did not take its 1001 close had as long as the shutdown's hard
// deadline (both 10 s), so one silent client made every SIGTERM end in exit code 1, and a
// request whose headers never finished held `server.close()` open. Clients now get a grace
// shorter than the deadline and the gateway exits 0.
import { uniqueKeyPrefix } from '@secfeed/test-kit';
import {
  startGatewayProcess,
  type GatewayProcess,
} from './test-support/gateway-process';
import { openSocket, upgradeRequest } from './test-support/raw-http';

jest.setTimeout(30_000);

describe('the built gateway on SIGTERM, with clients that do not let go', () => {
  let gateway: GatewayProcess;

  beforeAll(() => {
    gateway = startGatewayProcess({
      SECFEED_KEY_PREFIX: uniqueKeyPrefix('gw-grace'),
      GATEWAY_PORT: '0',
    });
  });
  afterAll(() => gateway.kill());

  it('cuts them after its grace and exits 0 before the hard deadline', async () => {
    const port = await gateway.port();
    await gateway.ready();
    // A WebSocket that never answers the close frame: a raw socket after the handshake.
    const silent = await openSocket(port);
    silent.on('error', () => undefined);
    const upgraded = new Promise<string>((resolve) =>
      silent.once('data', (chunk: Buffer) => resolve(chunk.toString())),
    );
    silent.write(upgradeRequest('/ws'));
    expect(await upgraded).toMatch(/^HTTP\/1\.1 101/);
    // A request whose headers never end.
    const slow = await openSocket(port);
    slow.on('error', () => undefined);
    slow.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    const cut = Promise.all(
      [silent, slow].map(
        (socket) => new Promise((resolve) => socket.once('close', resolve)),
      ),
    );

    const asked = Date.now();
    process.kill(gateway.pid, 'SIGTERM');
    expect(await gateway.exited).toBe(0);
    const took = Date.now() - asked;
    await cut;
    expect(took).toBeLessThan(9000);
    expect(gateway.messages()).not.toContain(
      'Shutdown deadline passed; exiting',
    );
  });
});
