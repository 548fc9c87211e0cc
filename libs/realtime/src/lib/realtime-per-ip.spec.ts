// One client address may hold at most `maxConnectionsPerIp` WebSockets, so that it cannot take
// every connection slot; the others are refused before the upgrade (429 IP_CONNECTION_LIMIT).
import { waitUntil } from '@secfeed/test-kit';
import type { RealtimeConfig } from './realtime-config';
import {
  connectTestRedis,
  startGateway,
  type TestGateway,
  type TestRedis,
} from './test-support/realtime-harness';
import { TestClient } from './test-support/test-client';

describe('realtime: connections per client address', () => {
  let redis: TestRedis;
  let gateway: TestGateway | undefined;
  const clients: TestClient[] = [];

  const start = async (overrides: Partial<RealtimeConfig>) => {
    gateway = await startGateway(redis.client, redis.keys, overrides);
    return gateway;
  };
  /** Connects from `localAddress` (any 127.x address is this machine on Linux). */
  const connect = async (g: TestGateway, localAddress = '127.0.0.1') => {
    const client = await TestClient.connect(g.url, { localAddress });
    clients.push(client);
    return client;
  };
  const refusals = async (g: TestGateway) =>
    (await g.metrics.errors.get()).values.find(
      (v) => v.labels['code'] === 'IP_CONNECTION_LIMIT',
    )?.value ?? 0;

  beforeEach(async () => {
    redis = await connectTestRedis('rt-per-ip');
  });
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.ws.terminate());
    await gateway?.close();
    gateway = undefined;
    await redis.close();
  });

  it('refuses an address past its cap with 429 IP_CONNECTION_LIMIT, and counts it', async () => {
    const g = await start({ maxConnectionsPerIp: 2 });
    await connect(g);
    await connect(g);
    const refused = TestClient.connect(g.url, { localAddress: '127.0.0.1' });
    await expect(refused).rejects.toMatchObject({ status: 429 });
    await refused.catch((err: { body: string }) =>
      expect(JSON.parse(err.body)).toEqual({
        error: { code: 'IP_CONNECTION_LIMIT', message: expect.any(String) },
      }),
    );
    expect(await refusals(g)).toBe(1);
  });

  it('lets other addresses in while one is at its cap', async () => {
    const g = await start({ maxConnectionsPerIp: 1 });
    await connect(g, '127.0.0.1');
    await expect(
      TestClient.connect(g.url, { localAddress: '127.0.0.1' }),
    ).rejects.toMatchObject({ status: 429 });
    const other = await connect(g, '127.0.0.2');
    other.send({ action: 'ping' });
    expect(await other.next()).toEqual({ type: 'pong' });
  });

  it('gives the slot back when a connection closes', async () => {
    const g = await start({ maxConnectionsPerIp: 1 });
    const first = await connect(g);
    first.ws.close();
    await first.closed;
    await waitUntil(
      async () =>
        TestClient.connect(g.url).then(
          (client) => (clients.push(client), true),
          () => false,
        ),
      'a new connection from the same address',
    );
  });

  it('has no cap at 0', async () => {
    const g = await start({ maxConnectionsPerIp: 0 });
    for (let i = 0; i < 5; i += 1) await connect(g);
    expect(await refusals(g)).toBe(0);
  });
});
