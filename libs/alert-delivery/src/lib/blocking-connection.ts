import { isRedisCluster, type SecfeedRedis } from '@secfeed/service-runtime';

/** A connection of its own for blocking reads, raw commands routed to the node of `key`. */
export interface BlockingConnection {
  send(args: string[]): Promise<unknown>;
  destroy(): void;
}

/**
 * Opens a connection of its own from `redis` for `XREADGROUP ... BLOCK`: a BLOCK would hold up
 * every other command on a shared connection. It does not reconnect by itself and queues
 * nothing while down, so a dropped link fails the read at once and the reader's loop owns the
 * retry; its socket timeout outlasts a BLOCK of `blockMs`. RESP2: plain string replies.
 */
export async function blockingConnection(
  redis: SecfeedRedis,
  key: string,
  blockMs: number,
): Promise<BlockingConnection> {
  if (isRedisCluster(redis)) {
    const cluster = redis.duplicate({
      minimizeConnections: true,
      RESP: 2,
    } as never);
    cluster.on('error', () => undefined);
    await cluster.connect();
    return {
      send: (args) => cluster.sendCommand(key, false, args),
      destroy: () => quietly(() => cluster.destroy()),
    };
  }
  const client = redis.duplicate({
    socket: {
      ...redis.options?.socket,
      socketTimeout: blockMs + 10_000,
      reconnectStrategy: false,
    },
    disableOfflineQueue: true,
    RESP: 2,
  } as never);
  client.on('error', () => undefined);
  await client.connect();
  return {
    send: (args) => client.sendCommand(args),
    destroy: () => quietly(() => client.destroy()),
  };
}

function quietly(close: () => void): void {
  try {
    close();
  } catch {
    // Already closed.
  }
}
