// Test support for the ingest integration specs: a real IngestService against real Redis,
// with a local Query API that answers "nothing new" and records what it was asked.
import { decodeStreamEntry } from '@secfeed/dedup';
import { createRedisKeys, type RedisKeys } from '@secfeed/redis-keys';
import { createLogger } from '@secfeed/service-runtime';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  testRedisUrl,
  type TestRedis,
} from '@secfeed/test-kit';
import type { SecApiSourceOptions } from '@secfeed/upstream-sources';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { loadIngestConfig } from '../app/config/ingest-config';
import { IngestService, type IngestServiceDeps } from '../app/ingest-service';
import {
  createIngestMetrics,
  type IngestMetrics,
} from '../app/metrics/ingest-metrics';
import { sourceFactory } from '../app/source-factory';

export interface RunningIngest {
  service: IngestService;
  metrics: IngestMetrics;
  logs: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/**
 * Starts an IngestService configured only through its environment, as in production; `REDIS_URL`
 * defaults to the tests' Redis (`testRedisUrl()`), which may be a cluster, and `INSIGHTS_ENABLED`
 * to false (a spec that sets `SEC_USER_AGENT` must never reach sec.gov's archive). `secApi`
 * shortens the sec-api source's timers for fault specs; `deps` the insights stage's.
 */
export async function startIngest(
  env: NodeJS.ProcessEnv,
  secApi: Partial<SecApiSourceOptions> = {},
  deps: Pick<IngestServiceDeps, 'insights' | 'parseSubmission'> = {},
): Promise<RunningIngest> {
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        logs.push(JSON.parse(line));
      done();
    },
  });
  const config = loadIngestConfig({
    REDIS_URL: testRedisUrl(),
    INSIGHTS_ENABLED: 'false',
    ...env,
  });
  const metrics = createIngestMetrics(false);
  const service = new IngestService({
    config,
    logger: createLogger('ingest', 'info', sink),
    metrics,
    createSource: sourceFactory(config, secApi),
    ...deps,
  });
  await service.start();
  return { service, metrics, logs, stop: () => service.stop() };
}

/** A local Query API with no filings to offer; keeps the request bodies it received. */
export async function startEmptyQueryApi(): Promise<{
  url: string;
  bodies: unknown[];
  close(): Promise<void>;
}> {
  const bodies: unknown[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      bodies.push(JSON.parse(body || 'null'));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          total: { value: 0, relation: 'eq' },
          query: {},
          filings: [],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Reads back what ingest published, for assertions. */
export class StreamProbe {
  readonly keys: RedisKeys;
  private constructor(
    readonly client: TestRedis,
    prefix: string,
  ) {
    this.keys = createRedisKeys(prefix);
  }

  /** Connects to `url`: one server, or a cluster when it names a cluster node. */
  static async connect(url: string, prefix: string): Promise<StreamProbe> {
    return new StreamProbe(await connectTestRedis(url), prefix);
  }

  /** Accession numbers of the filings in the stream, in stream order (insights entries left out). */
  async accessions(): Promise<string[]> {
    const entries = await this.client.xRange(this.keys.stream, '-', '+');
    return entries
      .map((e) => decodeStreamEntry(e.message))
      .filter((e) => e.kind === 'filing')
      .map((e) => e.accessionNo);
  }

  async deadLetterCodes(): Promise<string[]> {
    const entries = await this.client.xRange(this.keys.deadLetters, '-', '+');
    return entries.map((e) => e.message['code']);
  }

  /** Deletes every key of the prefix and disconnects. */
  async dispose(): Promise<void> {
    await deleteKeysWithPrefix(this.client, this.keys.prefix);
    await this.client.quit();
  }
}

/** The value of a counter or gauge, summed over its labels. */
export async function metric(
  metrics: IngestMetrics,
  name: string,
): Promise<number> {
  const found = (await metrics.registry.getMetricsAsJSON()).find(
    (m) => m.name === name,
  );
  return (found?.values ?? []).reduce((sum, v) => sum + v.value, 0);
}
