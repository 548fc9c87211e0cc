import { createRedisKeys, RedisKeys } from '@secfeed/redis-keys';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  isTestCluster,
  keysWithPrefix,
  type TestRedis,
} from '@secfeed/test-kit';

/**
 * A client on the tests' Redis (DEVELOPERS.md): `REDIS_URL`, else 127.0.0.1:6379, one server or
 * a cluster node (tools/cluster-suite). Never flushed; each test file works under its own prefix.
 */
export type TestClient = TestRedis;

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
    const client = await connectTestRedis();
    clients.push(client);
    return client;
  };

  const allKeys = async (): Promise<string[]> =>
    keysWithPrefix(clients[0] ?? (await connect()), prefix);

  const close = async (): Promise<void> => {
    if (clients.length > 0) await deleteKeysWithPrefix(clients[0], prefix);
    await Promise.all(clients.splice(0).map((client) => client.quit()));
  };

  return { keys, connect, allKeys, close };
}

/** `SCRIPT FLUSH` on the server, or on every master of a cluster. */
export async function flushScripts(client: TestClient): Promise<void> {
  if (!isTestCluster(client)) {
    await client.scriptFlush();
    return;
  }
  for (const master of client.masters)
    await (await client.nodeClient(master)).scriptFlush();
}
