// Regression: an upgrade whose target `new URL(target, base)` cannot parse (`//`) used to throw
// in the server's `upgrade` listener and take the process down. Every target, upgrade or not,
// now gets an HTTP answer and the gateway stays up.
import { uniqueKeyPrefix } from '@secfeed/test-kit';
import {
  startGatewayProcess,
  type GatewayProcess,
} from './test-support/gateway-process';
import { exchange, statusOf, upgradeRequest } from './test-support/raw-http';

jest.setTimeout(30_000);

const TARGETS = [
  '//',
  '//ws',
  '///',
  '/%00',
  '/%',
  '/ws/../..',
  '*',
  'ws',
  'http://evil.example.com/nope',
  `/${'a'.repeat(8000)}`,
];

describe('the built gateway, given request targets no URL parser expects', () => {
  let gateway: GatewayProcess;
  let port: number;

  beforeAll(async () => {
    gateway = startGatewayProcess({
      SECFEED_KEY_PREFIX: uniqueKeyPrefix('gw-targets'),
      GATEWAY_PORT: '0',
    });
    port = await gateway.port();
    await gateway.ready();
  });
  afterAll(() => gateway.kill());

  it.each(TARGETS.map((t) => [t.slice(0, 40), t]))(
    'answers an upgrade to %j with 404 NOT_FOUND (400 if unparsable) and stays up',
    async (_label, target) => {
      const answer = await exchange(port, upgradeRequest(target));
      // 400: a target Node's HTTP parser itself refuses (`ws`).
      expect([400, 404]).toContain(statusOf(answer));
      if (statusOf(answer) === 404)
        expect(answer).toContain('"code":"NOT_FOUND"');
      expect(gateway.alive).toBe(true);
    },
  );

  it.each(TARGETS.map((t) => [t.slice(0, 40), t]))(
    'answers a plain GET of %j and stays up',
    async (_label, target) => {
      const answer = await exchange(
        port,
        `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      );
      // 200: the dashboard's index.html, for the app to route.
      expect([200, 400, 404]).toContain(statusOf(answer));
      expect(gateway.alive).toBe(true);
    },
  );

  it('still upgrades an absolute-form target for /ws, and answers /healthz after all that', async () => {
    const answer = await exchange(
      port,
      upgradeRequest(`http://127.0.0.1:${port}/ws`),
      500,
    );
    expect(statusOf(answer)).toBe(101);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(gateway.alive).toBe(true);
  });
});
