import { createRedisKeys, RedisKeys } from '@secfeed/redis-keys';
import { createClient } from 'redis';

/** The Redis every test uses (DEVELOPERS.md): never flushed, each test file under its own prefix. */
export const REDIS_URL = 'redis://127.0.0.1:6379';

export type TestClient = ReturnType<typeof createClient>;

/** Clients and keys of one test file; `close()` deletes every key of the prefix and quits. */
export interface RedisTestContext {
  readonly keys: RedisKeys;
  /** A connected client, closed by `close()`. */
  connect(): Promise<TestClient>;
  /** Every key of this context's prefix. */
  allKeys(): Promise<string[]>;
  close(): Promise<void>;
}

export function redisTestContext(name: string): RedisTestContext {
  const prefix = `test-${process.pid}-${name}-${Math.random().toString(36).slice(2, 10)}:`;
  const keys = createRedisKeys(prefix);
  const clients: TestClient[] = [];

  const connect = async (): Promise<TestClient> => {
    const client = createClient({ url: REDIS_URL });
    clients.push(client);
    await client.connect();
    return client;
  };

  const allKeys = async (): Promise<string[]> => {
    const client = clients[0] ?? (await connect());
    const found: string[] = [];
    for await (const batch of client.scanIterator({
      MATCH: `${prefix}*`,
      COUNT: 1000,
    })) {
      found.push(...batch);
    }
    return found;
  };

  const close = async (): Promise<void> => {
    if (clients.length > 0) {
      const found = await allKeys();
      for (let i = 0; i < found.length; i += 500)
        await clients[0].unlink(found.slice(i, i + 500));
    }
    await Promise.all(clients.splice(0).map((client) => client.quit()));
  };

  return { keys, connect, allKeys, close };
}
