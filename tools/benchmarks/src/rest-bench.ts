/**
 * The REST history benchmark (docs/benchmarks.md): a page of 50 from `GET /api/filings` at 100
 * concurrent requests against the BUILT gateway, on a week of filings in the local Redis.
 * Target: p99 under 10 ms.
 *
 *   1. seeds BENCH_REST_FILINGS (default 20,000: a busy week) filings with recent filedAt through
 *      dedup, under a prefix of this run (`rest/seed-week.ts`);
 *   2. saturation (closed loop, `rest/closed-loop.ts`): BENCH_REST_SECONDS (default 20) of 100
 *      concurrent clients, each looping over a mix of queries (newest page, by ticker, by form
 *      type with amendments, by CIK, and following a cursor) after a 2 s warm-up: the most the
 *      gateway answers, and the latency at that load (Little's law: 100 in flight / throughput);
 *   3. at a rate (open loop, `rest/open-loop.ts`): BENCH_REST_RATE requests per second (default
 *      500) for the same time, up to 100 in flight: the latency a dashboard fleet sees below
 *      saturation. Latency is measured per request at the client.
 *   4. bytes on the wire: one page of 100 asked with each `Accept-Encoding` (none, gzip, br).
 *
 * Every request sends BENCH_REST_ACCEPT_ENCODING (default `gzip, deflate, br`, what browsers
 * send; empty for none) and counts the bytes of the body as received; the client never
 * decompresses inside the timed loops (a browser does that on its own machine).
 *
 * Run: `npm run bench:rest`. Prints figures, then exactly one JSON line as the last line.
 */
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { join, resolve } from 'node:path';
import { startGateway } from './dashboard-gateway';
import { runBenchmark, startBenchRun } from './lib/bench-run';
import { closedLoop } from './rest/closed-loop';
import { CONCURRENCY } from './rest/load-run';
import { openLoop } from './rest/open-loop';
import { firstPage, pageOf100Sizes, queryMix } from './rest/query-mix';
import { restFigures, restReportLines } from './rest/rest-report';
import { seedWeek } from './rest/seed-week';

const ROOT = resolve(__dirname, '../../..');

const num = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);

async function main(): Promise<void> {
  const prefix = `bench-rest-${randomBytes(4).toString('hex')}:`;
  const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const { cleanup, redis } = await startBenchRun(redisUrl, prefix);
  try {
    const filings = num('BENCH_REST_FILINGS', 20_000);
    await seedWeek(redis, prefix, filings);
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
    const queries = queryMix(await firstPage(agent, gateway.port));
    const pageOf100 = await pageOf100Sizes(agent, gateway.port);
    const seconds = num('BENCH_REST_SECONDS', 20);
    const rate = num('BENCH_REST_RATE', 500);
    const closed = await closedLoop(agent, gateway.port, queries, seconds);
    const open = await openLoop(agent, gateway.port, queries, seconds, rate);
    const figures = restFigures({
      filings,
      seconds,
      rate,
      pageOf100,
      closed,
      open,
    });
    restReportLines(figures).forEach((line) => console.log(line));
    console.log(JSON.stringify(figures));
  } finally {
    await cleanup.runAll();
  }
}

runBenchmark('REST', main);
