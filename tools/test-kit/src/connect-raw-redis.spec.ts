import { createRedisProcess, type RedisProcess } from './redis-process';
import { connectRawRedis } from './test-redis';
import { waitUntil } from './wait-until';

describe('connectRawRedis', () => {
  // A private redis-server started twice: seconds on a loaded machine.
  jest.setTimeout(30_000);

  let server: RedisProcess;
  beforeAll(async () => {
    server = await createRedisProcess();
    await server.start();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('outlives a kill of its server: commands fail, nothing crashes, it serves again after a restart', async () => {
    const client = await connectRawRedis(server.url, {
      disableOfflineQueue: true,
      socket: { reconnectStrategy: () => 50 },
    });
    try {
      await client.set('raw:key', 'kept');
      await server.kill();
      await expect(client.get('raw:key')).rejects.toThrow();
      await server.start();
      await waitUntil(
        async () => (await client.get('raw:key').catch(() => null)) === 'kept',
        'the client serves again after the restart',
        20_000,
      );
      // No CLIENT SETINFO in the handshake, whatever the caller passed.
      expect(client.options?.disableClientInfo).toBe(true);
    } finally {
      client.destroy();
    }
  });
});
