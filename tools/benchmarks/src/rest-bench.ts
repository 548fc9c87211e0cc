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
 *   4. bytes on the wire: one page of 100 asked with each `Accept-Encoding` (none, gzip, br).
 *
 * Every request sends BENCH_REST_ACCEPT_ENCODING (default `gzip, deflate, br`, what browsers
 * send; empty for none) and counts the bytes of the body as received; the client never
 * decompresses inside the timed loops (a browser does that on its own machine).
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
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
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

const ACCEPT_ENCODING =
  process.env['BENCH_REST_ACCEPT_ENCODING'] ?? 'gzip, deflate, br';

interface Reply {
  status: number;
  /** The body as received (compressed when `encoding` is set). */
  raw: Buffer;
  encoding: string | undefined;
  /** The connection's error code, with status 0 (counted, never thrown). */
  error?: string;
  ms: number;
}

/** One GET on a keep-alive agent; resolves with the status, the raw body and the elapsed ms. */
function get(
  agent: Agent,
  port: number,
  path: string,
  acceptEncoding = ACCEPT_ENCODING,
): Promise<Reply> {
  const started = process.hrtime.bigint();
  const headers = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
  return new Promise((resolvePromise) => {
    const req = request(
      { host: '127.0.0.1', port, path, agent, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolvePromise({
            status: res.statusCode ?? 0,
            raw: Buffer.concat(chunks),
            encoding: res.headers['content-encoding'],
            ms: Number(process.hrtime.bigint() - started) / 1e6,
          }),
        );
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolvePromise({
        status: 0,
        raw: Buffer.alloc(0),
        encoding: undefined,
        error: err.code ?? err.message,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      }),
    );
    req.end();
  });
}

/** The body of `reply` as text, decompressed. */
function bodyText(reply: Reply): string {
  if (reply.encoding === 'br')
    return brotliDecompressSync(reply.raw).toString();
  if (reply.encoding === 'gzip') return gunzipSync(reply.raw).toString();
  return reply.raw.toString();
}

interface Run {
  latency: ReturnType<typeof summarize>;
  errors: Record<string, number>;
  /** Body bytes received, over every request of the run (warm-up included). */
  bytes: number;
  replies: number;
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
  let bytes = 0;
  let replies = 0;
  const warmUntil = Date.now() + 2000;
  const deadline = warmUntil + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, client) => {
      for (let i = client; Date.now() < deadline; i++) {
        const res = await get(agent, port, queries[i % queries.length]);
        if (res.status !== 200)
          errors[res.error ?? res.status] =
            (errors[res.error ?? res.status] ?? 0) + 1;
        bytes += res.raw.length;
        replies++;
        if (Date.now() > warmUntil) latencies.push(res.ms);
      }
    }),
  );
  return { latency: summarize(latencies), errors, bytes, replies };
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
  let bytes = 0;
  while (Date.now() - started < seconds * 1000) {
    const due = Math.floor(((Date.now() - started) * rate) / 1000);
    while (sent < due && pending.size < CONCURRENCY) {
      const request = get(agent, port, queries[sent++ % queries.length]).then(
        (res) => {
          if (res.status !== 200)
            errors[res.error ?? res.status] =
              (errors[res.error ?? res.status] ?? 0) + 1;
          bytes += res.raw.length;
          latencies.push(res.ms);
        },
      );
      const tracked = request.finally(() => pending.delete(tracked));
      pending.add(tracked);
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(pending);
  return { latency: summarize(latencies), errors, bytes, replies: sent };
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
    // FIFO keeps every socket busy, as 100 clients would: with LIFO a few sockets take the
    // open loop's requests and the rest idle into the server's 5 s keep-alive timeout, whose
    // close races the next request on them (ECONNRESET).
    const agent = new Agent({
      keepAlive: true,
      maxSockets: CONCURRENCY,
      scheduling: 'fifo',
    });
    cleanup.push('agent', () => agent.destroy());
    const first = JSON.parse(
      bodyText(await get(agent, gateway.port, '/api/filings?limit=50')),
    ) as { next: string | null };
    const page100 = async (acceptEncoding: string) => {
      const reply = await get(
        agent,
        gateway.port,
        '/api/filings?limit=100',
        acceptEncoding,
      );
      return {
        status: reply.status,
        encoding: reply.encoding ?? 'identity',
        bytes: reply.raw.length,
      };
    };
    const pageOf100 = {
      none: await page100(''),
      gzip: await page100('gzip'),
      br: await page100('br'),
    };
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
      bytesPerPage: Math.round(run.bytes / Math.max(1, run.replies)),
    });
    const figures = {
      benchmark: 'rest',
      node: process.version,
      load: loadavg().map((l) => Number(l.toFixed(2))),
      filings: count,
      concurrency: CONCURRENCY,
      seconds,
      acceptEncoding: ACCEPT_ENCODING,
      pageOf100,
      saturation: shape(closed),
      atRate: { rate, ...shape(open) },
      targetP99Ms: TARGET_P99_MS,
      metAtRate:
        open.latency.p99 < TARGET_P99_MS &&
        Object.keys(open.errors).length === 0,
      metAtSaturation: closed.latency.p99 < TARGET_P99_MS,
    };
    const line = (name: string, f: ReturnType<typeof shape>) =>
      `${name}: ${f.requests} requests (${f.rps}/s), p50 ${f.p50} ms, p99 ${f.p99} ms, max ${f.max} ms, ${f.bytesPerPage} B/page, non-200 ${JSON.stringify(f.errors)}`;
    console.log(
      `REST history, pages of 50, ${count} filings, up to ${CONCURRENCY} concurrent`,
    );
    console.log(
      `Accept-Encoding: ${ACCEPT_ENCODING || '(none)'}; a page of 100: ${Object.entries(
        pageOf100,
      )
        .map(
          ([asked, p]) => `${asked} -> ${p.status} ${p.bytes} B ${p.encoding}`,
        )
        .join(', ')}`,
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
