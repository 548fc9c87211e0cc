import type { Logger } from '@secfeed/service-runtime';
import { createClient, type RedisClientType } from 'redis';
import type { IngestMetrics } from '../metrics/ingest-metrics';

/**
 * Connects to Redis for publishing. The offline queue is off: while Redis is away a command
 * fails at once, and the publish pipeline's own bounded buffer holds the filings (node-redis
 * would otherwise queue them without bound). The client reconnects by itself, with backoff.
 */
export async function connectRedis(
  url: string,
  logger: Logger,
  metrics: IngestMetrics,
): Promise<RedisClientType> {
  const client: RedisClientType = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 5000,
      reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000),
    },
  });
  let connectedOnce = false;
  let down = false;
  client.on('ready', () => {
    metrics.redisUp.set(1);
    logger.info(connectedOnce ? 'Reconnected to Redis' : 'Connected to Redis');
    connectedOnce = true;
    down = false;
  });
  client.on('error', (err: Error) => {
    metrics.redisUp.set(0);
    // One line per outage, not one per reconnect attempt.
    if (!down)
      logger.warn({ err: err.message }, 'Redis connection lost; reconnecting');
    down = true;
  });
  await client.connect();
  return client;
}
