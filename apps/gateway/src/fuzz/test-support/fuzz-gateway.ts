// The gateway under fuzz: the production GatewayService (WebSocket, REST, health) on port 0,
// configured through its environment, on the real Redis under a key prefix of its own, with a
// publisher that feeds it filings filed just now (inside the REST retention).
import { FilingPublisher } from '@secfeed/dedup';
import { easternIsoString } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { createRedisKeys } from '@secfeed/redis-keys';
import { createLogger } from '@secfeed/service-runtime';
import { uniqueKeyPrefix } from '@secfeed/test-kit';
import { createClient, type RedisClientType } from 'redis';
import { loadGatewayConfig } from '../../app/config/gateway-config';
import { GatewayService } from '../../app/gateway-service';
import {
  createGatewayMetrics,
  type GatewayMetrics,
} from '../../app/metrics/gateway-metrics';

const REDIS_URL = 'redis://127.0.0.1:6379';

export interface FuzzGateway {
  readonly service: GatewayService;
  readonly metrics: GatewayMetrics;
  readonly maxPayloadBytes: number;
  /** `http://127.0.0.1:<port>` */
  readonly http: string;
  /** `ws://127.0.0.1:<port>/ws` */
  readonly ws: string;
  /** Publishes `count` filings filed in the last minutes; resolves with their positions. */
  publish(count: number): Promise<string[]>;
  stop(): Promise<void>;
}

/** Starts a gateway; `env` adds to (or overrides) the fuzz defaults. */
export async function startFuzzGateway(
  label: string,
  env: NodeJS.ProcessEnv = {},
): Promise<FuzzGateway> {
  const prefix = uniqueKeyPrefix(label);
  const config = loadGatewayConfig({
    REDIS_URL,
    SECFEED_KEY_PREFIX: prefix,
    GATEWAY_PORT: '0',
    ...env,
  });
  const metrics = createGatewayMetrics(false);
  const service = new GatewayService({
    config,
    logger: createLogger('gateway', 'silent'),
    metrics,
  });
  const port = await service.start();
  const redis: RedisClientType = createClient({ url: REDIS_URL });
  await redis.connect();
  const publisher = new FilingPublisher(redis, {
    keys: createRedisKeys(prefix),
  });
  return {
    service,
    metrics,
    maxPayloadBytes: config.maxPayloadBytes,
    http: `http://127.0.0.1:${port}`,
    ws: `ws://127.0.0.1:${port}/ws`,
    publish: async (count) => {
      const now = Date.now();
      const filings = Array.from({ length: count }, (_, i) =>
        makeFiling({ filedAt: easternIsoString(now - (count - i) * 1000) }),
      );
      const results = await publisher.publishBatch(filings);
      return results.map((r) => r.position);
    },
    stop: async () => {
      await service.stop();
      for await (const batch of redis.scanIterator({
        MATCH: `${prefix}*`,
        COUNT: 1000,
      })) {
        if (batch.length) await redis.unlink(batch);
      }
      await redis.quit();
    },
  };
}
