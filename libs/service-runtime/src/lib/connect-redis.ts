import { createClient, type RedisClientType } from 'redis';
import type { Logger } from './create-logger';

/** Options of {@link connectRedis}. */
export interface ConnectRedisOptions {
  url: string;
  logger: Logger;
  /** Called with true when the connection is ready and false when it is lost (for a gauge). */
  onUpChange?: (up: boolean) => void;
}

/**
 * Connects a service to Redis. The offline queue is off: while Redis is away a command fails at
 * once, so each service decides what to do (ingest buffers within its own bound; the gateway
 * answers 503) instead of node-redis queueing without bound. The client reconnects by itself
 * with backoff, and logs one line per outage, not one per attempt.
 */
export async function connectRedis(
  options: ConnectRedisOptions,
): Promise<RedisClientType> {
  const { url, logger, onUpChange } = options;
  const client: RedisClientType = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5000,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000),
    },
  });
  let connectedOnce = false;
  let down = false;
  client.on('ready', () => {
    onUpChange?.(true);
    logger.info(connectedOnce ? 'Reconnected to Redis' : 'Connected to Redis');
    connectedOnce = true;
    down = false;
  });
  client.on('error', (err: Error) => {
    onUpChange?.(false);
    if (!down)
      logger.warn({ err: err.message }, 'Redis connection lost; reconnecting');
    down = true;
  });
  await client.connect();
  return client;
}
