// The gateway on 1 worker against N workers (GATEWAY_WORKERS), same load, one run: the
// measurement behind docs/operations.md "Workers or more gateways". Not a test; run it with
//
//   npx nx build gateway
//   TS_NODE_PROJECT=apps/gateway/src/workers-bench/tsconfig.json node \
//     -r ts-node/register/transpile-only -r tsconfig-paths/register \
//     apps/gateway/src/workers-bench/workers-bench.ts
//
// Knobs: BENCH_WORKERS (`1,2`), BENCH_CLIENTS (1000), BENCH_RATE (filings/s, 100),
// BENCH_SECONDS (20), BENCH_GENERATORS (2), BENCH_DRAIN_SECONDS (30), REDIS_URL. Per run:
// delivered of expected, p50/p99/max from the publish stamp to the client, server CPU (primary
// and workers, /proc) per delivered message, RSS of all the gateway's processes idle and with
// the clients. The keys of each run are deleted and every child stopped at the end.
import { FilingPublisher } from '@secfeed/dedup';
import { easternIsoString } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { createRedisKeys } from '@secfeed/redis-keys';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createClient, type RedisClientType } from 'redis';
import { LatencyHistogram } from './latency-histogram';
import { cpuMs, processTree, rssKiB } from './process-tree';

const ROOT = join(__dirname, '../../../..');
const env = (name: string, fallback: number) =>
  Number(process.env[name] || fallback);
const settings = {
  workers: (process.env['BENCH_WORKERS'] || '1,2').split(',').map(Number),
  clients: env('BENCH_CLIENTS', 1000),
  rate: env('BENCH_RATE', 100),
  seconds: env('BENCH_SECONDS', 20),
  generators: env('BENCH_GENERATORS', 2),
  drainSeconds: env('BENCH_DRAIN_SECONDS', 30),
  redisUrl: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
};
const children = new Set<ChildProcess>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function readyz(port: number): Promise<{ status: number; worker?: number }> {
  return new Promise((resolve) => {
    get(`http://127.0.0.1:${port}/readyz`, { agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          worker: (JSON.parse(body) as { worker?: number }).worker,
        }),
      );
    }).on('error', () => resolve({ status: 0 }));
  });
}

async function startGateway(workers: number, prefix: string) {
  const port = await freePort();
  const gateway = spawn(
    process.execPath,
    [join(ROOT, 'dist/apps/gateway/main.js')],
    {
      env: {
        PATH: process.env['PATH'],
        REDIS_URL: settings.redisUrl,
        SECFEED_KEY_PREFIX: prefix,
        GATEWAY_PORT: String(port),
        GATEWAY_WORKERS: String(workers),
        GATEWAY_MAX_CONNECTIONS: String(settings.clients + 1000),
        GATEWAY_MAX_CONNECTIONS_PER_IP: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  children.add(gateway);
  const ready = new Set<number | undefined>();
  for (let i = 0; ready.size < workers; i += 1) {
    if (i > 600) throw new Error('the gateway did not get ready in 60 s');
    const answer = await readyz(port);
    if (answer.status === 200) ready.add(answer.worker);
    await sleep(100);
  }
  return { gateway, port };
}

interface Generator {
  child: ChildProcess;
  ask<T>(command: object, event: string): Promise<T>;
}

function startGenerator(): Promise<Generator> {
  const child = fork(join(__dirname, 'bench-clients.ts'), [], {
    execArgv: [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
    ],
    env: {
      ...process.env,
      TS_NODE_PROJECT: join(__dirname, 'tsconfig.json'),
    },
  });
  children.add(child);
  const ask = <T>(command: object, event: string) =>
    new Promise<T>((resolve) => {
      const onMessage = (message: { event: string }) => {
        if (message.event !== event) return;
        child.off('message', onMessage);
        resolve(message as T);
      };
      child.on('message', onMessage);
      child.send(command);
    });
  return new Promise((resolve) =>
    child.once('message', () => resolve({ child, ask })),
  );
}

async function deleteKeys(redis: RedisClientType, prefix: string) {
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*` }))
    if (keys.length > 0) await redis.del(keys);
}

async function runOnce(workers: number, redis: RedisClientType) {
  const prefix = `bench-workers-${randomBytes(4).toString('hex')}:`;
  const { gateway, port } = await startGateway(workers, prefix);
  const tree = () => processTree(gateway.pid as number);
  await sleep(2000);
  const rssIdle = rssKiB(tree());
  const generators = await Promise.all(
    Array.from({ length: settings.generators }, startGenerator),
  );
  const per = Math.ceil(settings.clients / settings.generators);
  const connected = await Promise.all(
    generators.map((g) =>
      g.ask<{ open: number }>(
        {
          cmd: 'connect',
          url: `ws://127.0.0.1:${port}/ws`,
          count: per,
          batch: 250,
        },
        'connected',
      ),
    ),
  );
  const open = connected.reduce((sum, c) => sum + c.open, 0);
  await sleep(3000);
  const rssConnected = rssKiB(tree());
  const loadStart = loadavg()[0];
  const publisher = new FilingPublisher(redis, {
    keys: createRedisKeys(prefix),
  });
  const cpuStart = cpuMs(tree());
  const started = performance.now();
  const total = settings.rate * settings.seconds;
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / settings.rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const stamp = performance.timeOrigin + performance.now();
    await publisher.publish(
      makeFiling({
        filedAt: easternIsoString(Date.now()),
        description: `bench:${stamp.toFixed(3)}`,
      }),
    );
  }
  const expected = total * open;
  const delivered = async () =>
    (
      await Promise.all(
        generators.map((g) =>
          g.ask<{ delivered: number }>({ cmd: 'count' }, 'count'),
        ),
      )
    ).reduce((sum, c) => sum + c.delivered, 0);
  let last = -1;
  let stalledSince = performance.now();
  const drainEnd = performance.now() + settings.drainSeconds * 1000;
  for (;;) {
    const now = await delivered();
    if (now >= expected || performance.now() > drainEnd) break;
    if (now !== last) stalledSince = performance.now();
    else if (performance.now() - stalledSince > 5000) break;
    last = now;
    await sleep(200);
  }
  const serverCpuMs = cpuMs(tree()) - cpuStart;
  const windowMs = performance.now() - started;
  const histogram = new LatencyHistogram();
  for (const g of generators)
    histogram.add(
      (
        await g.ask<{ histogram: Parameters<LatencyHistogram['add']>[0] }>(
          { cmd: 'report' },
          'report',
        )
      ).histogram,
    );
  for (const g of generators) {
    g.child.send({ cmd: 'exit' });
    children.delete(g.child);
  }
  gateway.kill('SIGTERM');
  await new Promise((r) => gateway.once('exit', r));
  children.delete(gateway);
  await deleteKeys(redis, prefix);
  return {
    workers,
    clients: open,
    expected,
    delivered: histogram.count,
    p50Ms: round(histogram.quantile(0.5)),
    p99Ms: round(histogram.quantile(0.99)),
    maxMs: round(histogram.max),
    serverCpuMs: Math.round(serverCpuMs),
    serverCores: round(serverCpuMs / windowMs, 2),
    cpuUsPerMessage: round((serverCpuMs * 1000) / histogram.count, 2),
    rssIdleMiB: round(rssIdle / 1024),
    rssConnectedMiB: round(rssConnected / 1024),
    rssPerConnKB: round(((rssConnected - rssIdle) * 1.024) / open, 2),
    loadAverage: [round(loadStart, 2), round(loadavg()[0], 2)],
  };
}

const round = (value: number, digits = 1) =>
  Math.round(value * 10 ** digits) / 10 ** digits;

async function main() {
  const redis: RedisClientType = createClient({ url: settings.redisUrl });
  await redis.connect();
  const runs = [];
  try {
    for (const workers of settings.workers) {
      const result = await runOnce(workers, redis);
      runs.push(result);
      console.log(JSON.stringify(result));
    }
  } finally {
    await redis.quit();
  }
  console.log(
    JSON.stringify({
      benchmark: 'gateway-workers',
      at: new Date().toISOString(),
      machine: { cores: cpus().length, cpuModel: cpus()[0]?.model },
      settings,
      runs,
    }),
  );
}

const stopAll = () => children.forEach((child) => child.kill('SIGKILL'));
process.on('exit', stopAll);
process.on('SIGINT', () => process.exit(130));
main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
