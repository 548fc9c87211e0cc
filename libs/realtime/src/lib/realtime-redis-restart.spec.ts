import {
  createRedisProcess,
  waitUntil,
  type RedisProcess,
} from '@secfeed/test-kit';
import type { RawFiling } from '@secfeed/filing-model';
import {
  connectTestRedis,
  startGateway,
  type TestGateway,
  type TestRedis,
} from './test-support/realtime-harness';
import { TestClient } from './test-support/test-client';

describe('realtime: a Redis restart', () => {
  let server: RedisProcess;
  let redis: TestRedis;
  let gateway: TestGateway;
  let client: TestClient;

  beforeEach(async () => {
    server = await createRedisProcess();
    await server.start();
    redis = await connectTestRedis('rt-restart', server.url);
    gateway = await startGateway(redis.client, redis.keys);
  });

  afterEach(async () => {
    client?.close();
    await gateway.close();
    await redis.close().catch(() => undefined);
    await server.dispose();
  });

  /** Publishes one filing, retrying while Redis is away (a retry answers `duplicate`). */
  const publishSurely = async (
    overrides: Partial<RawFiling> = {},
  ): Promise<string> => {
    for (;;) {
      try {
        const [position] = await redis.publish(overrides);
        return position;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };

  it('resumes after the outage: every filing exactly once, in order', async () => {
    client = await TestClient.connect(gateway.url);
    await client.request({ action: 'subscribe_sec_filings' });
    const positions: string[] = [];
    for (let i = 0; i < 5; i += 1) positions.push(await publishSurely());
    // Delivered before the kill: the append-only file may lose the last second of writes.
    await client.waitForFilings(5);
    await server.kill();
    await waitUntil(
      () => !gateway.realtime.readiness().readerRunning,
      'the reader to notice',
    );
    await server.start();
    for (let i = 0; i < 5; i += 1) positions.push(await publishSurely());
    expect(await client.waitForFilings(10, 20_000)).toEqual(positions);
    await waitUntil(
      () => gateway.realtime.readiness().readerRunning,
      'the reader to recover',
    );
    expect(await client.request({ action: 'ping' })).toEqual({ type: 'pong' });
    expect(client.filingPositions()).toEqual(positions);
  });
});
