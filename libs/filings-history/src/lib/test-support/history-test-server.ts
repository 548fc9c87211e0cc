import { createRedisKeys, RedisKeys } from '@secfeed/redis-keys';
import { createLogger, Logger, SecfeedRedis } from '@secfeed/service-runtime';
import {
  connectTestRedis as connectRedis,
  deleteKeysWithPrefix,
  testRedisUrl,
  uniqueKeyPrefix,
} from '@secfeed/test-kit';
import { AddressInfo } from 'node:net';
import { createServer, Server } from 'node:http';
import { Writable } from 'node:stream';
import {
  createHistoryTestMetrics,
  HistoryTestMetrics,
} from './history-test-metrics';
import { NOW_MS, RETENTION_MS } from './seed-filings';
import {
  createHistoryHandler,
  HistoryHandlerOptions,
} from '../create-history-handler';

/** `REDIS_URL`, else 127.0.0.1:6379: one server or a cluster node (tools/cluster-suite). */
export const REDIS_URL = testRedisUrl();

/** A reply as the tests read it. */
export interface TestReply {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
  /** `text` parsed, or `undefined` when empty. */
  readonly body: unknown;
}

/** A real HTTP server on port 0 with the history handler, and what it was built with. */
export interface HistoryTestServer {
  /** The port on 127.0.0.1, for clients that must see the raw bytes (`fetch` decompresses). */
  readonly port: number;
  readonly metrics: HistoryTestMetrics;
  /** Every log line written, parsed. */
  readonly logLines: Record<string, unknown>[];
  request(path: string, init?: RequestInit): Promise<TestReply>;
  close(): Promise<void>;
}

/** Options of the handler under test; Redis, keys and the clock are required here. */
export type TestHandlerOptions = Omit<
  HistoryHandlerOptions,
  'metrics' | 'logger'
>;

/**
 * Starts `node:http` on a free port with the handler; a path the handler declines gets
 * 404 `{"unhandled":true}`, so tests can tell "not mine" from an answer of the handler.
 */
export async function startHistoryServer(
  options: TestHandlerOptions,
): Promise<HistoryTestServer> {
  const metrics = createHistoryTestMetrics();
  const logLines: Record<string, unknown>[] = [];
  const handler = createHistoryHandler({
    ...options,
    metrics,
    logger: captureLogger(logLines),
  });
  const server: Server = createServer((req, res) => {
    void handler(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end('{"unhandled":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    metrics,
    logLines,
    request: async (path, init) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, init);
      const text = await res.text();
      const body: unknown = text ? JSON.parse(text) : undefined;
      return { status: res.status, text, headers: res.headers, body };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function captureLogger(lines: Record<string, unknown>[]): Logger {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return createLogger('gateway', 'info', stream);
}

/** A client on the shared test Redis and a key prefix of its own; `close()` deletes the keys. */
export interface TestRedis {
  readonly client: SecfeedRedis;
  readonly keys: RedisKeys;
  close(): Promise<void>;
}

export async function connectTestRedis(label: string): Promise<TestRedis> {
  const prefix = uniqueKeyPrefix(label);
  const client = await connectRedis(REDIS_URL);
  return {
    client,
    keys: createRedisKeys(prefix),
    close: async () => {
      await deleteKeysWithPrefix(client, prefix);
      await client.quit();
    },
  };
}

/** A test Redis (own key prefix) and a history server reading it. */
export interface HistoryTest {
  readonly redis: TestRedis;
  readonly server: HistoryTestServer;
  /** Closes the server, deletes the keys and disconnects. */
  close(): Promise<void>;
}

/**
 * What most history specs start with: {@link connectTestRedis} and {@link startHistoryServer}
 * on it with the seeded data set's retention and clock (`RETENTION_MS`, `NOW_MS`), which
 * `options` may override.
 */
export async function openHistoryTest(
  label: string,
  options: Partial<TestHandlerOptions> = {},
): Promise<HistoryTest> {
  const redis = await connectTestRedis(label);
  const server = await startHistoryServer({
    redis: redis.client,
    keys: redis.keys,
    retentionMs: RETENTION_MS,
    now: () => NOW_MS,
    ...options,
  });
  return {
    redis,
    server,
    close: async () => {
      await server.close();
      await redis.close();
    },
  };
}
