import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { FilingPublisher } from '@secfeed/dedup';
import { makeFiling } from '@secfeed/filing-model/testing';
import { createRedisKeys } from '@secfeed/redis-keys';
import { Server } from 'socket.io';
import type { CleanupStack } from '../lib/cleanup-stack';
import { cpuMs, rssKiB } from '../lib/proc-stats';
import type { BenchRedis } from '../lib/redis-helpers';
import { nowMs, STAMP_PREFIX, type ClientKind } from './generator-protocol';
import { LatencyHistogram } from './latency-histogram';
import { LoadGenerator, TS_NODE_ARGS } from './load-generators';
import { startNodeChild, type NodeChild } from '../lib/node-child';

export type ServerKind = 'secfeed' | 'socketio';

export interface ScenarioContext {
  redis: BenchRedis;
  redisUrl: string;
  root: string;
  runPrefix: string;
  cleanup: CleanupStack;
  log(line: string): void;
}

export interface ScenarioOptions {
  server: ServerKind;
  clients: number;
  rate: number;
  seconds: number;
  generators: number;
  batch: number;
  drainSeconds: number;
  /** Extra `node` flags for the server, e.g. `--cpu-prof`. */
  serverNodeArgs?: string[];
}

export interface ScenarioResult {
  server: ServerKind;
  clients: number;
  open: number;
  failedConnects: number;
  firstConnectError?: string;
  connectMs: number;
  rssIdleKiB: number;
  rssConnectedKiB: number;
  rssPerConnKiB: number;
  rssPeakKiB: number;
  published: number;
  publishErrors: number;
  publishSpanMs: number;
  expected: number;
  delivered: number;
  lost: number;
  duplicated: number;
  clientsMissingSome: number;
  closes: Record<string, number>;
  clientErrors: number;
  latencyMs: {
    samples: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
    mean: number;
  };
  drainMs: number;
  drainComplete: boolean;
  serverCpuPercent: number;
  generatorsCpuPercent: number;
  serverOutput: string[];
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  server: NodeChild,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!server.alive()) {
      throw new Error(
        `${what}: server exited (${server.exitStatus()}): ${server.output().slice(-5).join('\n')}`,
      );
    }
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}

/** Starts the server under test; resolves once it accepts clients. */
async function startServer(
  context: ScenarioContext,
  options: ScenarioOptions,
  port: number,
  keyPrefix: string,
): Promise<NodeChild> {
  const fdLimit = options.clients + 1024;
  if (options.server === 'secfeed') {
    const server = startNodeChild({
      args: [
        ...(options.serverNodeArgs ?? []),
        join(context.root, 'dist/apps/gateway/main.js'),
      ],
      env: {
        GATEWAY_PORT: String(port),
        SECFEED_KEY_PREFIX: keyPrefix,
        REDIS_URL: context.redisUrl,
        LOG_LEVEL: 'warn',
        GATEWAY_MAX_CONNECTIONS: String(options.clients + 1000),
        // Every benchmark client connects from this machine's one address.
        GATEWAY_MAX_CONNECTIONS_PER_IP: '0',
      },
      cwd: context.root,
      fdLimit,
    });
    context.cleanup.push(`kill gateway ${server.pid}`, () => server.kill());
    await waitFor(
      'gateway /readyz',
      async () => {
        try {
          return (await fetch(`http://127.0.0.1:${port}/readyz`)).ok;
        } catch {
          return false;
        }
      },
      server,
    );
    return server;
  }
  let listening = false;
  const server = startNodeChild({
    args: [...TS_NODE_ARGS, join(__dirname, 'socketio-server.ts')],
    env: {
      BENCH_SIO_PORT: String(port),
      BENCH_SIO_STREAM: `${keyPrefix}socket.io`,
      REDIS_URL: context.redisUrl,
      TS_NODE_PROJECT: join(context.root, 'tools/benchmarks/tsconfig.json'),
    },
    cwd: context.root,
    fdLimit,
    onLine: (line) => {
      if (line.startsWith('listening')) listening = true;
    },
  });
  context.cleanup.push(`kill socket.io server ${server.pid}`, () =>
    server.kill(),
  );
  await waitFor('socket.io server', () => listening, server, 60_000);
  return server;
}

/** Something that puts one filing on its way to every client. */
interface Publisher {
  publish(filing: Record<string, unknown>): Promise<unknown>;
  close(): Promise<void>;
}

function createPublisher(
  context: ScenarioContext,
  server: ServerKind,
  keyPrefix: string,
): Publisher {
  if (server === 'secfeed') {
    const publisher = new FilingPublisher(context.redis, {
      keys: createRedisKeys(keyPrefix),
    });
    return {
      publish: (filing) =>
        publisher.publish(
          filing as unknown as Parameters<FilingPublisher['publish']>[0],
        ),
      close: async () => undefined,
    };
  }
  // A Socket.IO server without a listener on the same adapter stream: its room emit is
  // published to Redis and the serving process sends it to its sockets.
  // Attached to an HTTP server that never listens, so that io.close() (which also stops the
  // adapter's reader and its duplicated Redis connection) has an engine to close.
  const io = new Server(createHttpServer(), {
    adapter: createAdapter(context.redis, {
      streamName: `${keyPrefix}socket.io`,
    }),
  });
  return {
    publish: async (filing) => {
      io.to('filings').emit('sec_filing', filing);
    },
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
}

/**
 * One server under load: idle RSS, N subscribed clients (RSS again), then `rate` filings per
 * second for `seconds`, each stamped with its publish time; then waits for the clients to
 * have everything (no progress for 5 s or `drainSeconds` ends the wait) and collects their
 * counts and latency histograms. Stops the server, the generators and the publisher.
 */
export async function runScenario(
  context: ScenarioContext,
  options: ScenarioOptions,
): Promise<ScenarioResult> {
  const { log } = context;
  const keyPrefix = `${context.runPrefix}${options.server}:`;
  const port = await freePort();
  const server = await startServer(context, options, port, keyPrefix);
  const stopServer = context.cleanup.push(`stop server ${server.pid}`, () =>
    server.stop(),
  );
  const publisher = createPublisher(context, options.server, keyPrefix);
  const closePublisher = context.cleanup.push('close publisher', () =>
    publisher.close(),
  );
  const generators: LoadGenerator[] = [];
  const closeGenerators = context.cleanup.push('close load generators', () =>
    Promise.all(generators.map((g) => g.close())),
  );
  try {
    await sleep(2000);
    const rssIdleKiB = rssKiB(server.pid);

    const kind: ClientKind = options.server === 'secfeed' ? 'ws' : 'socketio';
    const url =
      kind === 'ws' ? `ws://127.0.0.1:${port}/ws` : `http://127.0.0.1:${port}`;
    const shares = Array.from({ length: options.generators }, (_, i) =>
      Math.floor(
        (options.clients * (i + 1)) / options.generators -
          Math.floor((options.clients * i) / options.generators),
      ),
    ).filter((share) => share > 0);
    for (const share of shares) {
      generators.push(
        await LoadGenerator.start({
          root: context.root,
          kind,
          url,
          clients: share,
          cleanup: context.cleanup,
        }),
      );
    }
    const connectStarted = Date.now();
    const connected = await Promise.all(
      generators.map((g, i) =>
        g.connect(shares[i], options.batch, 60_000 + shares[i] * 30),
      ),
    );
    const connectMs = Date.now() - connectStarted;
    const open = connected.reduce((sum, c) => sum + c.open, 0);
    const failedConnects = connected.reduce((sum, c) => sum + c.failed, 0);
    const firstConnectError = connected.find((c) => c.firstError)?.firstError;
    log(
      `  ${open} of ${options.clients} clients subscribed in ${(connectMs / 1000).toFixed(1)} s ` +
        `(${options.batch} at a time, ${generators.length} load generator processes)` +
        (failedConnects
          ? `; ${failedConnects} failed: ${firstConnectError}`
          : ''),
    );
    await sleep(3000);
    const rssConnectedKiB = rssKiB(server.pid);
    const rssPerConnKiB =
      open > 0 ? (rssConnectedKiB - rssIdleKiB) / open : NaN;
    log(
      `  server RSS: ${(rssIdleKiB / 1024).toFixed(1)} MiB idle, ${(rssConnectedKiB / 1024).toFixed(1)} MiB ` +
        `with ${open} idle subscribed clients: ${rssPerConnKiB.toFixed(2)} KiB per connection`,
    );

    const total = options.rate * options.seconds;
    log(
      `  publishing ${total} filings at ${options.rate}/s for ${options.seconds} s`,
    );
    const filings: Array<Record<string, unknown>> = [];
    for (let i = 0; i < total; i += 1) {
      filings.push(JSON.parse(JSON.stringify(makeFiling())));
    }
    const generatorCpuStart = await Promise.all(
      generators.map(async (g) => cpuMs(g.proc.pid)),
    );
    const serverCpuStart = cpuMs(server.pid);
    let rssPeakKiB = rssConnectedKiB;
    const interval = 1000 / options.rate;
    const pending: Array<Promise<unknown>> = [];
    let publishErrors = 0;
    const started = nowMs();
    let nextProgress = started + 10_000;
    for (let i = 0; i < total; i += 1) {
      const due = started + i * interval;
      const wait = due - nowMs();
      if (wait > 1) await sleep(wait);
      const filing = filings[i];
      filing['description'] = `${STAMP_PREFIX}${nowMs().toFixed(3)}`;
      pending.push(
        publisher.publish(filing).catch(() => {
          publishErrors += 1;
        }),
      );
      if (i % options.rate === 0) {
        rssPeakKiB = Math.max(rssPeakKiB, rssKiB(server.pid) || 0);
      }
      if (nowMs() >= nextProgress) {
        nextProgress += 10_000;
        const progress = await Promise.all(generators.map((g) => g.progress()));
        const got = progress.reduce((sum, p) => sum + p.received, 0);
        const stillOpen = progress.reduce((sum, p) => sum + p.open, 0);
        log(
          `    ${((nowMs() - started) / 1000).toFixed(0)} s: published ${i + 1}, delivered ${got} of ${(i + 1) * open} ` +
            `(${stillOpen} clients open), server RSS ${(rssKiB(server.pid) / 1024).toFixed(0)} MiB`,
        );
      }
    }
    await Promise.all(pending);
    const publishSpanMs = nowMs() - started;
    const published = total - publishErrors;
    const expected = published * open;

    // Drain: until every client has every filing, or no progress for 5 s, or drainSeconds.
    const drainStarted = Date.now();
    let lastReceived = -1;
    let lastProgressAt = Date.now();
    let drainComplete = false;
    while (Date.now() - drainStarted < options.drainSeconds * 1000) {
      const progress = await Promise.all(generators.map((g) => g.progress()));
      const got = progress.reduce((sum, p) => sum + p.received, 0);
      if (got >= expected) {
        drainComplete = true;
        break;
      }
      if (got !== lastReceived) {
        lastReceived = got;
        lastProgressAt = Date.now();
      } else if (Date.now() - lastProgressAt > 5000) break;
      rssPeakKiB = Math.max(rssPeakKiB, rssKiB(server.pid) || 0);
      await sleep(250);
    }
    const drainMs = Date.now() - drainStarted;
    const serverCpuPercent =
      ((cpuMs(server.pid) - serverCpuStart) / (publishSpanMs + drainMs)) * 100;
    const generatorCpuEnd = generators.map((g) => cpuMs(g.proc.pid));
    const generatorsCpuPercent =
      (generatorCpuEnd.reduce(
        (sum, end, i) => sum + end - generatorCpuStart[i],
        0,
      ) /
        (publishSpanMs + drainMs)) *
      100;

    const reports = await Promise.all(generators.map((g) => g.report()));
    const histogram = new LatencyHistogram();
    const closes: Record<string, number> = {};
    let delivered = 0;
    let lost = 0;
    let duplicated = 0;
    let clientsMissingSome = 0;
    let clientErrors = 0;
    for (const report of reports) {
      histogram.merge(report.histogram);
      clientErrors += report.errors;
      for (const [code, count] of Object.entries(report.closes)) {
        closes[code] = (closes[code] ?? 0) + count;
      }
      for (const got of report.perClient) {
        if (got < 0) continue;
        delivered += got;
        if (got < published) {
          lost += published - got;
          clientsMissingSome += 1;
        } else duplicated += got - published;
      }
    }
    return {
      server: options.server,
      clients: options.clients,
      open,
      failedConnects,
      firstConnectError,
      connectMs,
      rssIdleKiB,
      rssConnectedKiB,
      rssPerConnKiB,
      rssPeakKiB,
      published,
      publishErrors,
      publishSpanMs,
      expected,
      delivered,
      lost,
      duplicated,
      clientsMissingSome,
      closes,
      clientErrors,
      latencyMs: {
        samples: histogram.count,
        p50: histogram.percentile(50),
        p90: histogram.percentile(90),
        p99: histogram.percentile(99),
        max: histogram.max,
        mean: histogram.mean,
      },
      drainMs,
      drainComplete,
      serverCpuPercent,
      generatorsCpuPercent,
      serverOutput: server.output().slice(-5),
    };
  } finally {
    await closeGenerators();
    await closePublisher();
    await stopServer();
  }
}
