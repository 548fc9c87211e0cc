import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createClient, type RedisClientType } from 'redis';
import { createRedisKeys, type RedisKeys } from '@secfeed/redis-keys';
import {
  loadReplayDay,
  startSimulator,
  type Simulator,
  type WireFiling,
} from '@secfeed/sec-api-simulator';
import {
  builtServiceMain,
  CHROMIUM,
  CHROMIUM_ARGS,
  startServiceProcess,
  uniqueKeyPrefix,
  waitUntil,
  type ServiceProcess,
} from '@secfeed/test-kit';
import { WORKSPACE } from './workspace';

const REDIS_URL = 'redis://127.0.0.1:6379';
const API_KEY = 'e2e-simulator-key';
const STATIC_DIR = join(WORKSPACE, 'dist/apps/filings-feed/browser');
const DOCUMENTS_DIR = join(WORKSPACE, '../shared/fixtures/edgar/documents');

export interface StackOptions {
  /** Label in the key prefix (`test-<label>-<pid>-<random>:`). */
  label: string;
  /** Filings per second the simulator sends. Default 20. */
  rate?: number;
  /**
   * Insights as in `npm start`: the simulator also serves EDGAR's archive from the real full
   * submissions of `../shared/fixtures/edgar/documents` (slipping their filings into the day),
   * and ingest reads them from there. Default false.
   */
  insights?: boolean;
}

/**
 * The whole product as `npm start` wires it, on the shared Redis under a key prefix of its own:
 * the sec-api simulator (in-process, so a test can see what it sent and what comes next),
 * the BUILT ingest on its `sec-api` path, the BUILT gateway serving the BUILT dashboard, and a
 * headless Chromium.
 */
export interface ProductStack {
  readonly sim: Simulator;
  /** The replayed day, in the order the simulator sends it (first lap). */
  readonly day: readonly WireFiling[];
  readonly prefix: string;
  readonly keys: RedisKeys;
  readonly redis: RedisClientType;
  readonly browser: Browser;
  readonly ingest: ServiceProcess;
  /** The gateway process running now (replaced by {@link restartGateway}). */
  gateway(): ServiceProcess;
  /** `http://127.0.0.1:<gateway port>`; the port survives {@link restartGateway}. */
  readonly baseUrl: string;
  /** SIGTERM to the gateway, wait for its exit (code 0), start it again on the same port. */
  restartGateway(): Promise<{ exitCode: number | string }>;
  /**
   * An outage: stops the gateway (SIGTERM, a clean shutdown with close 1001, or SIGKILL, a
   * crash: the page sees 1006) and resolves once it has exited. {@link startGateway} ends it.
   */
  stopGateway(
    signal: 'SIGTERM' | 'SIGKILL',
  ): Promise<{ exitCode: number | string }>;
  /** Starts the gateway again on the same port, once it has stopped; resolves when listening. */
  startGateway(): Promise<void>;
  /** Accession numbers of the Redis stream entries after `position` (exclusive), in order. */
  streamAfter(
    position: string,
  ): Promise<Array<{ id: string; accessionNo: string }>>;
  /** GET on the gateway's REST API, parsed. */
  api<T>(path: string): Promise<T>;
  /** Closes the browser, stops the services and the simulator, deletes the prefix's keys. */
  close(): Promise<void>;
}

/** A built service as an operator runs it (environment only), from the workspace. */
const runService = (
  name: 'ingest' | 'gateway',
  env: NodeJS.ProcessEnv,
): ServiceProcess =>
  startServiceProcess({ main: builtServiceMain(name), env, cwd: WORKSPACE });

/** The port from the gateway's `Gateway listening` line (logged at `info`). */
const listeningPort = async (gateway: ServiceProcess): Promise<number> =>
  Number((await gateway.waitForLog('Gateway listening'))['port']);

/** SIGTERM (or `signal`), then SIGKILL after 8 s; resolves with the exit. */
const stop = (service: ServiceProcess, signal?: NodeJS.Signals) =>
  service.stop({ signal, graceMs: 8_000 });

export async function startProductStack(
  options: StackOptions,
): Promise<ProductStack> {
  for (const built of [
    'dist/apps/ingest/main.js',
    'dist/apps/gateway/main.js',
    'dist/apps/filings-feed/browser/index.html',
  ]) {
    if (!existsSync(join(WORKSPACE, built)))
      throw new Error(
        `${built} is missing: run through Nx (npx nx test filings-feed-e2e builds it first)`,
      );
  }
  const prefix = uniqueKeyPrefix(options.label);
  const keys = createRedisKeys(prefix);
  const redis: RedisClientType = createClient({ url: REDIS_URL });
  await redis.connect();

  const cleanups: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch(() => undefined);
    }
    for await (const batch of redis.scanIterator({
      MATCH: `${prefix}*`,
      COUNT: 1000,
    })) {
      if (batch.length) await redis.del(batch);
    }
    await redis.quit();
  };

  try {
    const day = loadReplayDay();
    const sim = await startSimulator({
      apiKey: API_KEY,
      rate: options.rate ?? 20,
      batchSize: 1,
      day,
      ...(options.insights ? { documentsDir: DOCUMENTS_DIR } : {}),
    });
    cleanups.push(() => sim.close());

    const ingest = runService('ingest', {
      REDIS_URL,
      INGEST_SOURCE: 'sec-api',
      SEC_API_KEY: API_KEY,
      SEC_STREAM_URL: sim.url,
      SEC_QUERY_API_URL: sim.queryApiUrl,
      SECFEED_KEY_PREFIX: prefix,
      INGEST_PORT: '0',
      LOG_LEVEL: 'warn',
      ...(options.insights
        ? { EDGAR_ARCHIVES_URL: sim.archivesUrl, INSIGHTS_ENABLED: 'true' }
        : { INSIGHTS_ENABLED: 'false' }),
    });
    cleanups.push(() => stop(ingest));

    // `info`: the gateway's port is in its "Gateway listening" line; connections log at debug,
    // so info stays quiet.
    const gatewayEnv = (port: number): NodeJS.ProcessEnv => ({
      REDIS_URL,
      SECFEED_KEY_PREFIX: prefix,
      GATEWAY_PORT: String(port),
      GATEWAY_STATIC_DIR: STATIC_DIR,
      LOG_LEVEL: 'info',
    });
    let gateway = runService('gateway', gatewayEnv(0));
    cleanups.push(() => stop(gateway));
    const port = await listeningPort(gateway);
    const baseUrl = `http://127.0.0.1:${port}`;

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...CHROMIUM_ARGS],
      headless: true,
    });
    cleanups.push(() => browser.close());

    const api = async <T>(path: string): Promise<T> => {
      const response = await fetch(`${baseUrl}${path}`);
      if (!response.ok)
        throw new Error(
          `GET ${path}: ${response.status} ${await response.text()}`,
        );
      return (await response.json()) as T;
    };

    // Ready: the gateway answers and the first filings went simulator -> ingest -> Redis -> REST.
    await waitUntil(
      async () =>
        (await fetch(`${baseUrl}/readyz`).catch(() => null))?.status === 200,
      'the gateway to be ready',
      20_000,
    );
    await waitUntil(
      async () =>
        (await api<{ filings: unknown[] }>('/api/filings?limit=1')).filings
          .length > 0,
      `the first filing through ingest (ingest stderr: ${ingest.stderr})`,
      30_000,
    );

    return {
      sim,
      day,
      prefix,
      keys,
      redis,
      browser,
      ingest,
      gateway: () => gateway,
      baseUrl,
      api,
      async restartGateway() {
        const exitCode = await stop(gateway);
        gateway = runService('gateway', gatewayEnv(port));
        await listeningPort(gateway);
        return { exitCode };
      },
      async stopGateway(signal) {
        return { exitCode: await stop(gateway, signal) };
      },
      async startGateway() {
        gateway = runService('gateway', gatewayEnv(port));
        await listeningPort(gateway);
      },
      async streamAfter(position) {
        const entries = await redis.xRange(keys.stream, `(${position}`, '+');
        return entries.map((entry) => ({
          id: entry.id,
          accessionNo: String(entry.message['accessionNo']),
        }));
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
