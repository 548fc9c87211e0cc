/**
 * The REST history benchmark (docs/benchmarks.md): a page of 50 from `GET /api/filings` at 100
 * concurrent requests against the BUILT gateway, on a week of filings in the local Redis.
 * Target: p99 under 10 ms.
 *
 *   1. seeds BENCH_REST_FILINGS (default 20,000: a busy week) filings with recent filedAt through
 *      dedup, under a prefix of this run;
 *   2. saturation (closed loop): BENCH_REST_SECONDS (default 20) of 100 concurrent clients, each
 *      looping over a mix of queries (newest page, by ticker, by form type with amendments, by
 *      CIK, and following a cursor) after a 2 s warm-up: the most the gateway answers, and the
 *      latency at that load (Little's law: 100 in flight / throughput);
 *   3. at a rate (open loop): BENCH_REST_RATE requests per second (default 500) for the same
 *      time, up to 100 in flight: the latency a dashboard fleet sees below saturation.
 *      Latency is measured per request at the client.
 *
 * Run: `npm run bench:rest`. Prints figures, then exactly one JSON line as the last line.
 */
import { FilingPublisher } from '@secfeed/dedup';
import { easternIsoString } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { createRedisKeys } from '@secfeed/redis-keys';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { startGateway } from './dashboard-gateway';
import { runBenchmark, startBenchRun } from './lib/bench-run';
import { summarize } from './lib/percentiles';

const ROOT = resolve(__dirname, '../../..');
const CONCURRENCY = 100;
const TARGET_P99_MS = 10;
const TICKERS = [
  'AAPL',
  'MSFT',
  'NVDA',
  'AMZN',
  'GOOGL',
  'META',
  'TSLA',
  'JPM',
  'XOM',
  'WMT',
];
const FORMS = ['4', '8-K', '10-Q', '10-K', 'SC 13G', '424B2', '4/A', '8-K/A'];

const num = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);

/** One GET on a keep-alive agent; resolves with the status, the body and the elapsed ms. */
function get(
  agent: Agent,
  port: number,
  path: string,
): Promise<{ status: number; body: string; ms: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolvePromise({
          status: res.statusCode ?? 0,
          body,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

interface Run {
  latency: ReturnType<typeof summarize>;
  errors: Record<string, number>;
}

/** CONCURRENCY clients, each sending its next request when the last one answers. */
async function closedLoop(
  agent: Agent,
  port: number,
  queries: string[],
  seconds: number,
): Promise<Run> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const warmUntil = Date.now() + 2000;
  const deadline = warmUntil + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, client) => {
      for (let i = client; Date.now() < deadline; i++) {
        const res = await get(agent, port, queries[i % queries.length]);
        if (res.status !== 200)
          errors[res.status] = (errors[res.status] ?? 0) + 1;
        if (Date.now() > warmUntil) latencies.push(res.ms);
      }
    }),
  );
  return { latency: summarize(latencies), errors };
}

/** Requests started at a fixed rate (whatever the answers), at most CONCURRENCY in flight. */
async function openLoop(
  agent: Agent,
  port: number,
  queries: string[],
  seconds: number,
  rate: number,
): Promise<Run> {
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const pending = new Set<Promise<void>>();
  const started = Date.now();
  let sent = 0;
  while (Date.now() - started < seconds * 1000) {
    const due = Math.floor(((Date.now() - started) * rate) / 1000);
    while (sent < due && pending.size < CONCURRENCY) {
      const request = get(agent, port, queries[sent++ % queries.length]).then(
        (res) => {
          if (res.status !== 200)
            errors[res.status] = (errors[res.status] ?? 0) + 1;
          latencies.push(res.ms);
        },
      );
      const tracked = request.finally(() => pending.delete(tracked));
      pending.add(tracked);
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(pending);
  return { latency: summarize(latencies), errors };
}

async function main(): Promise<void> {
  const prefix = `bench-rest-${randomBytes(4).toString('hex')}:`;
  const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const { cleanup, redis } = await startBenchRun(redisUrl, prefix);
  try {
    const count = num('BENCH_REST_FILINGS', 20_000);
    const publisher = new FilingPublisher(redis, {
      keys: createRedisKeys(prefix),
    });
    const now = Date.now();
    for (let i = 0; i < count; i += 500) {
      const batch = Array.from({ length: Math.min(500, count - i) }, (_, j) => {
        const n = i + j;
        return makeFiling({
          ticker: TICKERS[n % TICKERS.length],
          cik: String(1000 + (n % 50)),
          formType: FORMS[n % FORMS.length],
          filedAt: easternIsoString(now - (count - n) * 30_000),
        });
      });
      await publisher.publishBatch(batch);
    }
    const gateway = await startGateway({
      main: join(ROOT, 'dist/apps/gateway/main.js'),
      cwd: ROOT,
      redisUrl,
      keyPrefix: prefix,
      staticDir: join(ROOT, 'dist/apps/filings-feed/browser'),
      onSpawn: (child) => cleanup.push('gateway', () => child.kill()),
    });
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    cleanup.push('agent', () => agent.destroy());
    const first = JSON.parse(
      (await get(agent, gateway.port, '/api/filings?limit=50')).body,
    ) as { next: string | null };
    const queries = [
      '/api/filings?limit=50',
      '/api/filings?limit=50&ticker=AAPL',
      '/api/filings?limit=50&formType=8-K',
      '/api/filings?limit=50&cik=1007',
      `/api/filings?limit=50&cursor=${encodeURIComponent(first.next ?? '')}`,
    ];
    const seconds = num('BENCH_REST_SECONDS', 20);
    const rate = num('BENCH_REST_RATE', 500);
    const closed = await closedLoop(agent, gateway.port, queries, seconds);
    const open = await openLoop(agent, gateway.port, queries, seconds, rate);
    const shape = (run: Run) => ({
      requests: run.latency.count,
      rps: Math.round(run.latency.count / seconds),
      p50: +run.latency.p50.toFixed(2),
      p99: +run.latency.p99.toFixed(2),
      max: +run.latency.max.toFixed(2),
      errors: run.errors,
    });
    const figures = {
      benchmark: 'rest',
      node: process.version,
      load: loadavg().map((l) => Number(l.toFixed(2))),
      filings: count,
      concurrency: CONCURRENCY,
      seconds,
      saturation: shape(closed),
      atRate: { rate, ...shape(open) },
      targetP99Ms: TARGET_P99_MS,
      metAtRate:
        open.latency.p99 < TARGET_P99_MS &&
        Object.keys(open.errors).length === 0,
      metAtSaturation: closed.latency.p99 < TARGET_P99_MS,
    };
    const line = (name: string, f: ReturnType<typeof shape>) =>
      `${name}: ${f.requests} requests (${f.rps}/s), p50 ${f.p50} ms, p99 ${f.p99} ms, max ${f.max} ms, non-200 ${JSON.stringify(f.errors)}`;
    console.log(
      `REST history, pages of 50, ${count} filings, up to ${CONCURRENCY} concurrent`,
    );
    console.log(line('saturation (closed loop)', figures.saturation));
    console.log(line(`at ${rate} requests/s (open loop)`, figures.atRate));
    console.log(
      `target p99 < ${TARGET_P99_MS} ms: at ${rate}/s ${figures.metAtRate ? 'MET' : 'MISSED'}; at saturation ${figures.metAtSaturation ? 'MET' : 'MISSED'}`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    await cleanup.runAll();
  }
}

runBenchmark('REST', main);
