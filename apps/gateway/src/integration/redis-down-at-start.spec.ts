// Regression: the gateway connected to Redis before listening, so with Redis down at start
// `/healthz` and `/readyz` refused connections. It now listens first, says why it is not
// ready, answers `/ws` and `/api` with a documented 503, and serves once Redis arrives.
import { FilingPublisher } from '@secfeed/dedup';
import { easternIsoString } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { createRedisKeys } from '@secfeed/redis-keys';
import {
  connectRawRedis,
  createRedisProcess,
  uniqueKeyPrefix,
  waitUntil,
  type RedisProcess,
} from '@secfeed/test-kit';
import { WebSocket } from 'ws';
import {
  startGatewayProcess,
  type GatewayProcess,
} from './test-support/gateway-process';
import { exchange, statusOf, upgradeRequest } from './test-support/raw-http';

jest.setTimeout(60_000);

describe('the built gateway started while Redis is down', () => {
  let redis: RedisProcess;
  let gateway: GatewayProcess;
  const prefix = uniqueKeyPrefix('gw-no-redis');

  beforeEach(async () => {
    redis = await createRedisProcess();
    gateway = startGatewayProcess({
      REDIS_URL: redis.url,
      SECFEED_KEY_PREFIX: prefix,
      GATEWAY_PORT: '0',
    });
  });
  afterEach(async () => {
    await gateway.kill();
    await redis.dispose();
  });

  it('listens at once: alive, not ready, 503 REDIS_UNAVAILABLE on /ws and /api; serves when Redis arrives', async () => {
    const base = await gateway.http();
    const port = await gateway.port();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const readyz = await fetch(`${base}/readyz`);
    expect(readyz.status).toBe(503);
    expect(((await readyz.json()) as { reasons: string[] }).reasons).toContain(
      'REDIS_UNAVAILABLE',
    );
    const api = await fetch(`${base}/api/filings`);
    expect(api.status).toBe(503);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe(
      'REDIS_UNAVAILABLE',
    );
    const upgrade = await exchange(port, upgradeRequest('/ws'));
    expect(statusOf(upgrade)).toBe(503);
    expect(upgrade).toContain('"code":"REDIS_UNAVAILABLE"');
    expect(upgrade).toMatch(/Retry-After: 5/i);
    expect(statusOf(await exchange(port, upgradeRequest('/nope')))).toBe(404);

    await redis.start();
    await waitUntil(
      async () => (await fetch(`${base}/readyz`)).status === 200,
      'ready once Redis is up',
      20_000,
    );
    expect((await fetch(`${base}/api/filings`)).status).toBe(200);

    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    const positions: string[] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      if (message['type'] === 'subscribed') positions.push('subscribed');
      if (message['type'] === 'sec_filing')
        positions.push(String(message['position']));
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ action: 'subscribe_sec_filings' }));
    await waitUntil(() => positions.length > 0, 'subscribed');
    const client = await connectRawRedis(redis.url);
    const publisher = new FilingPublisher(client, {
      keys: createRedisKeys(prefix),
    });
    const { position } = await publisher.publish(
      makeFiling({ filedAt: easternIsoString(Date.now()) }),
    );
    await waitUntil(() => positions.includes(position), 'the filing, live');
    ws.terminate();
    await client.quit();
    expect(gateway.alive).toBe(true);
  });

  it('stops at once on SIGTERM while still waiting for Redis, exit code 0', async () => {
    const base = await gateway.http();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const asked = Date.now();
    process.kill(gateway.pid, 'SIGTERM');
    expect(await gateway.exited).toBe(0);
    expect(Date.now() - asked).toBeLessThan(3000);
  });
});
