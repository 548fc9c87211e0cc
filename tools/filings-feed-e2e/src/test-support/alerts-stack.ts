import { encodeStreamEntry } from '@secfeed/filing-model/stored';
import { createRedisKeys } from '@secfeed/redis-keys';
import {
  builtServiceMain,
  CHROMIUM,
  CHROMIUM_ARGS,
  startServiceProcess,
  uniqueKeyPrefix,
  waitUntil,
  type ServiceProcess,
} from '@secfeed/test-kit';
import { existsSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createClient, type RedisClientType } from 'redis';
import { WORKSPACE } from './workspace';

const REDIS_URL = 'redis://127.0.0.1:6379';
const STATIC_DIR = join(WORKSPACE, 'dist/apps/filings-feed/browser');

/** One request a local receiver got. */
export interface Received {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A local webhook receiver: answers 204 to every POST and keeps what it got. */
export interface Receiver {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * The rules page's product: the BUILT alerts service (`node dist/apps/alerts/main.js`) and the
 * BUILT gateway forwarding `/api/alert-rules` to it (`GATEWAY_ALERTS_URL`) while serving the
 * BUILT dashboard, on the shared Redis under a key prefix of their own, and a headless Chromium.
 * No simulator or ingest: the test publishes the filings it needs to the stream itself.
 */
export interface AlertsStack {
  readonly baseUrl: string;
  readonly browser: Browser;
  readonly alerts: ServiceProcess;
  readonly gateway: ServiceProcess;
  /** Appends a filing to the stream as dedup's publisher does; resolves with its entry id. */
  publish(filing: { accessionNo: string }): Promise<string>;
  close(): Promise<void>;
}

export async function startAlertsStack(label: string): Promise<AlertsStack> {
  if (!existsSync(join(STATIC_DIR, 'index.html')))
    throw new Error(
      'dist/apps/filings-feed is missing: run through Nx (npx nx test filings-feed-e2e builds it first)',
    );
  const prefix = uniqueKeyPrefix(label);
  const redis: RedisClientType = createClient({ url: REDIS_URL });
  await redis.connect();
  const cleanups: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch(() => undefined);
    for await (const batch of redis.scanIterator({
      MATCH: `${prefix}*`,
      COUNT: 1000,
    })) {
      if (batch.length) await redis.del(batch);
    }
    await redis.quit();
  };
  try {
    const alerts = startServiceProcess({
      main: builtServiceMain('alerts'),
      cwd: WORKSPACE,
      env: {
        REDIS_URL,
        SECFEED_KEY_PREFIX: prefix,
        ALERTS_PORT: '0',
        ALERTS_POLL_MS: '50',
        LOG_LEVEL: 'info',
      },
    });
    cleanups.push(() => alerts.stop({ graceMs: 8_000 }));
    const alertsPort = Number(
      (await alerts.waitForLog('Alerts listening'))['port'],
    );
    await alerts.waitForLog('Alerts delivering');

    const gateway = startServiceProcess({
      main: builtServiceMain('gateway'),
      cwd: WORKSPACE,
      env: {
        REDIS_URL,
        SECFEED_KEY_PREFIX: prefix,
        GATEWAY_PORT: '0',
        GATEWAY_STATIC_DIR: STATIC_DIR,
        GATEWAY_ALERTS_URL: `http://127.0.0.1:${alertsPort}`,
        LOG_LEVEL: 'info',
      },
    });
    cleanups.push(() => gateway.stop({ graceMs: 8_000 }));
    const port = Number(
      (await gateway.waitForLog('Gateway listening'))['port'],
    );
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitUntil(
      async () =>
        (await fetch(`${baseUrl}/api/alert-rules`).catch(() => null))
          ?.status === 200,
      'the rules API through the gateway',
      20_000,
    );

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [...CHROMIUM_ARGS],
      headless: true,
    });
    cleanups.push(() => browser.close());

    const stream = createRedisKeys(prefix).stream;
    return {
      baseUrl,
      browser,
      alerts,
      gateway,
      publish: (filing) => redis.xAdd(stream, '*', encodeStreamEntry(filing)),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
