import { FilingPublisher } from '@secfeed/dedup';
import { easternIsoString } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { createRedisKeys } from '@secfeed/redis-keys';
import {
  builtServiceMain,
  connectTestRedis,
  deleteKeysWithPrefix,
  startServiceProcess,
  testRedisUrl,
  uniqueKeyPrefix,
  waitUntil,
  type ServiceProcess,
  type TestRedis,
} from '@secfeed/test-kit';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { signJwt } from '@secfeed/access-control';

jest.setTimeout(30_000);

const SECRET = 'a-test-secret-of-at-least-32-characters!';

/** The built gateway as an operator runs it: `node dist/apps/gateway/main.js`, env only. */
const run = (env: NodeJS.ProcessEnv): ServiceProcess =>
  startServiceProcess({ main: builtServiceMain('gateway'), env });

describe('the built gateway (dist/apps/gateway/main.js)', () => {
  let redis: TestRedis;
  let prefix: string;
  let dashboard: string;
  const running: ServiceProcess[] = [];

  beforeAll(async () => {
    redis = await connectTestRedis();
    dashboard = mkdtempSync(join(tmpdir(), 'secfeed-dashboard-'));
    mkdirSync(join(dashboard, 'assets'));
    writeFileSync(
      join(dashboard, 'index.html'),
      '<!doctype html><title>secfeed</title>',
    );
    writeFileSync(join(dashboard, 'main-ABCDEFGH.js'), 'console.log(1)');
  });
  beforeEach(() => (prefix = uniqueKeyPrefix('gw')));
  afterEach(async () => {
    await Promise.all(
      running.splice(0).map((r) => r.stop({ signal: 'SIGKILL' })),
    );
    await deleteKeysWithPrefix(redis, prefix);
  });
  afterAll(async () => {
    await redis.quit();
    rmSync(dashboard, { recursive: true, force: true });
  });

  const start = async (env: NodeJS.ProcessEnv) => {
    const gateway = run({
      REDIS_URL: testRedisUrl(),
      SECFEED_KEY_PREFIX: prefix,
      GATEWAY_PORT: '0',
      GATEWAY_STATIC_DIR: dashboard,
      ...env,
    });
    running.push(gateway);
    const port = Number(
      (await gateway.waitForLog('Gateway listening'))['port'],
    );
    // It listens before Redis answers; /api and /ws serve once it is ready.
    await waitUntil(
      async () =>
        (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200,
      'the gateway to be ready',
    );
    return { gateway, port };
  };

  it('answers on one port: health, REST, the WebSocket and the dashboard; SIGTERM closes clients with 1001 and exits 0', async () => {
    const { gateway, port } = await start({});
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await waitUntil(
      async () => (await fetch(`${base}/readyz`)).status === 200,
      'readiness',
    );
    const index = await fetch(`${base}/some/client/route`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>secfeed</title>');
    expect(
      (await fetch(`${base}/main-ABCDEFGH.js`)).headers.get('cache-control'),
    ).toContain('immutable');
    expect((await fetch(`${base}/api/nothing-here`)).status).toBe(404);

    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    const messages: Array<Record<string, unknown>> = [];
    ws.on('message', (data) => messages.push(JSON.parse(data.toString())));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ action: 'subscribe_sec_filings' }));
    await waitUntil(
      () => messages.some((m) => m['type'] === 'subscribed'),
      'subscribed',
    );

    const publisher = new FilingPublisher(redis, {
      keys: createRedisKeys(prefix),
    });
    const filing = makeFiling({
      ticker: 'AAPL',
      filedAt: easternIsoString(Date.now()),
    });
    await publisher.publish(filing);
    await waitUntil(
      () => messages.some((m) => m['type'] === 'sec_filing'),
      'the filing over the WebSocket',
    );
    const rest = (await (
      await fetch(`${base}/api/filings?ticker=aapl`)
    ).json()) as { filings: Array<{ accessionNo: string }> };
    expect(rest.filings.map((f) => f.accessionNo)).toEqual([
      filing.accessionNo,
    ]);

    const closed = new Promise<number>((resolve) =>
      ws.once('close', (code) => resolve(code)),
    );
    const asked = Date.now();
    const stopped = gateway.stop();
    expect(await closed).toBe(1001);
    expect(await stopped).toBe(0);
    expect(Date.now() - asked).toBeLessThan(10_000);
  });

  it('with GATEWAY_AUTH_SECRET: refuses /api and /ws without a valid token, serves them with one', async () => {
    const { port } = await start({ GATEWAY_AUTH_SECRET: SECRET });
    const base = `http://127.0.0.1:${port}`;
    const refused = await fetch(`${base}/api/filings`);
    expect(refused.status).toBe(401);
    expect(
      ((await refused.json()) as { error: { code: string } }).error.code,
    ).toBe('TOKEN_MISSING');
    const bad = await fetch(`${base}/api/filings`, {
      headers: {
        authorization: `Bearer ${signJwt({ sub: 'x' }, 'another-secret-that-is-32-chars-long!!')}`,
      },
    });
    expect(bad.status).toBe(401);
    const token = signJwt(
      { sub: 'dashboard', exp: Math.floor(Date.now() / 1000) + 60 },
      SECRET,
    );
    expect(
      (
        await fetch(`${base}/api/filings`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(200);
    expect(
      (await fetch(`${base}/api/filings?token=${token}&limit=5`)).status,
    ).toBe(200);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(401);
    const ok = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`);
    await new Promise((resolve, reject) => {
      ok.once('open', resolve);
      ok.once('error', reject);
    });
    ok.terminate();
  });

  it('with GATEWAY_ALLOWED_ORIGINS: refuses other browser origins on /api', async () => {
    const { port } = await start({
      GATEWAY_ALLOWED_ORIGINS: 'https://app.example.com',
    });
    const base = `http://127.0.0.1:${port}`;
    expect(
      (
        await fetch(`${base}/api/filings`, {
          headers: { origin: 'https://evil.example.com' },
        })
      ).status,
    ).toBe(403);
    const allowed = await fetch(`${base}/api/filings`, {
      headers: { origin: 'https://app.example.com' },
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(
      'https://app.example.com',
    );
  });

  it('refuses to start on bad configuration, naming the variable', async () => {
    const gateway = run({ GATEWAY_AUTH_SECRET: 'short' });
    expect(await gateway.exited).toBe(2);
    expect(gateway.stderr).toMatch(
      /GATEWAY_AUTH_SECRET: must be at least 32 characters/,
    );
  });
});
