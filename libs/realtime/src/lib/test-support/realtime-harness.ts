// Test support for the realtime specs: a gateway on a real HTTP server (port 0), real Redis
// under a unique prefix, filings published through dedup's FilingPublisher.
import { FilingPublisher } from '@secfeed/dedup';
import type { Filing, RawFiling } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { createRedisKeys, type RedisKeys } from '@secfeed/redis-keys';
import { createLogger, type SecfeedRedis } from '@secfeed/service-runtime';
import {
  connectTestRedis as connectRedis,
  deleteKeysWithPrefix,
  testRedisUrl,
  uniqueKeyPrefix,
} from '@secfeed/test-kit';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { createRealtime, type Realtime } from '../realtime';
import { REALTIME_DEFAULTS, type RealtimeConfig } from '../realtime-config';
import {
  createRealtimeMetrics,
  type RealtimeMetrics,
} from '../realtime-metrics';

/** A running gateway: its realtime half behind a bare HTTP server. */
export interface TestGateway {
  readonly realtime: Realtime;
  readonly metrics: RealtimeMetrics;
  readonly config: RealtimeConfig;
  /** `ws://127.0.0.1:<port>/ws` */
  readonly url: string;
  close(): Promise<void>;
}

/** The real-time defaults (the gateway's with no environment), with `overrides`. */
export function testConfig(
  overrides: Partial<RealtimeConfig> = {},
): RealtimeConfig {
  return { ...REALTIME_DEFAULTS, messageRate: 1000, ...overrides };
}

/** Starts a gateway on port 0 and its reader; `close()` closes both. */
export async function startGateway(
  redis: SecfeedRedis,
  keys: RedisKeys,
  overrides: Partial<RealtimeConfig> = {},
): Promise<TestGateway> {
  const config = testConfig(overrides);
  const metrics = createRealtimeMetrics(new Registry());
  const logger = createLogger('gateway', 'silent');
  const realtime = createRealtime({ redis, keys, config, metrics, logger });
  await realtime.start();
  const server: Server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (req, socket, head) =>
    realtime.handleUpgrade(req, socket, head),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    realtime,
    metrics,
    config,
    url: `ws://127.0.0.1:${port}/ws`,
    close: async () => {
      await realtime.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Real Redis under a prefix of its own, a publisher, and cleanup of every key. */
export interface TestRedis {
  readonly client: SecfeedRedis;
  readonly keys: RedisKeys;
  readonly publisher: FilingPublisher;
  /** Publishes filings built by makeFiling(overrides); returns their positions. */
  publish(...overrides: Array<Partial<RawFiling>>): Promise<string[]>;
  /** Every stream position, oldest first. */
  positions(): Promise<string[]>;
  close(): Promise<void>;
}

export async function connectTestRedis(
  label: string,
  url = testRedisUrl(),
): Promise<TestRedis> {
  const client = await connectRedis(url);
  const keys = createRedisKeys(uniqueKeyPrefix(label));
  const publisher = new FilingPublisher(client, { keys });
  return {
    client,
    keys,
    publisher,
    publish: async (...overrides) => {
      const filings: Filing[] = overrides.map((o) => makeFiling(o));
      const results = await publisher.publishBatch(filings);
      return results.map((r) => r.position);
    },
    positions: async () =>
      (await client.xRange(keys.stream, '-', '+')).map((entry) => entry.id),
    close: async () => {
      await deleteKeysWithPrefix(client, keys.prefix);
      client.destroy();
    },
  };
}
