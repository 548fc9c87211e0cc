/**
 * The gateway benchmark (docs/benchmarks.md, "Gateway"): N subscribed WebSocket clients, opened
 * by load-generator child processes (`gateway/load-generator.ts`, IPC), against ONE built
 * gateway (`node dist/apps/gateway/main.js`, a child process) on the local Redis; this process
 * publishes filings through `FilingPublisher` at a set rate, each stamped with its publish time
 * in `description` (`bench:<epoch ms>`), and the clients measure publish-to-receive latency and
 * count what they get (every filing to every client). Gateway RSS per connection = (VmRSS with
 * N idle subscribed clients - VmRSS with none) / N.
 *
 * Then the same load against the baseline most Node teams would build: Socket.IO 4 with
 * `@socket.io/redis-streams-adapter` on the same Redis (`gateway/socketio-server.ts`), clients
 * with `socket.io-client` (WebSocket transport only), filings emitted to a room all clients
 * joined by a publisher on the same adapter stream (through Redis, like ours).
 *
 * Knobs (environment): BENCH_CLIENTS (10,000), BENCH_RATE (filings/s, 100), BENCH_SECONDS (60),
 * BENCH_QUICK=1 (1,000 clients, 20 s), BENCH_BASELINE_CLIENTS (default BENCH_CLIENTS),
 * BENCH_BASELINE=0 (ours only), BENCH_GENERATORS (load generator processes per scenario, 2),
 * BENCH_CONNECT_BATCH (500), BENCH_DRAIN_SECONDS (30), BENCH_GATEWAY_CPU_PROF=<dir>
 * (`node --cpu-prof` on the gateway), REDIS_URL.
 *
 * Run: `npm run bench:gateway` (builds the gateway first). Prints figures, then exactly one
 * JSON line as the last line. Every key goes under a prefix of this run and is deleted at the
 * end; every child process is stopped, on failure and on Ctrl-C too.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { openFileLimits } from './lib/node-child';
import {
  runScenario,
  type ScenarioContext,
  type ScenarioResult,
} from './gateway/scenario';
import { fmt, intEnv, round, verdict } from './lib/report-format';
import { runBenchmark, startBenchRun } from './lib/bench-run';
import { machineInfo } from './lib/machine-info';

const ROOT = resolve(__dirname, '../../..');

const TARGETS = {
  clients: 10_000,
  p99Ms: 100,
  lost: 0,
  rssPerConnKB: 10,
  p99Ratio: 2,
};

/** KiB (VmRSS unit) to kB (1,000 bytes), the unit of the target. */
const kb = (kib: number): number => (kib * 1024) / 1000;

function describe(name: string, r: ScenarioResult): string[] {
  return [
    `${name}: ${fmt(r.open)} of ${fmt(r.clients)} clients subscribed (${fmt(r.connectMs / 1000, 1)} s to connect` +
      (r.failedConnects
        ? `, ${fmt(r.failedConnects)} failed: ${r.firstConnectError}`
        : '') +
      ')',
    `  latency publish to client: p50 ${fmt(r.latencyMs.p50, 2)} ms, p90 ${fmt(r.latencyMs.p90, 2)} ms, ` +
      `p99 ${fmt(r.latencyMs.p99, 2)} ms, max ${fmt(r.latencyMs.max, 2)} ms (${fmt(r.latencyMs.samples)} samples)`,
    `  delivered ${fmt(r.delivered)} of ${fmt(r.expected)} (${fmt(r.published)} filings x ${fmt(r.open)} clients): ` +
      `lost ${fmt(r.lost)} (${fmt(r.clientsMissingSome)} clients missing some), duplicated ${fmt(r.duplicated)}; ` +
      `drain after the last publish ${fmt(r.drainMs / 1000, 1)} s${r.drainComplete ? '' : ' (gave up)'}`,
    `  closes seen by clients: ${JSON.stringify(r.closes)}; client errors ${r.clientErrors}; publish errors ${r.publishErrors}`,
    `  server RSS: idle ${fmt(r.rssIdleKiB / 1024, 1)} MiB, with clients ${fmt(r.rssConnectedKiB / 1024, 1)} MiB, ` +
      `peak ${fmt(r.rssPeakKiB / 1024, 1)} MiB; ${fmt(kb(r.rssPerConnKiB), 2)} kB per idle connection`,
    `  CPU (% of one core) while publishing and draining: server ${fmt(r.serverCpuPercent)}%, ` +
      `load generators ${fmt(r.generatorsCpuPercent)}%`,
  ];
}

function json(r: ScenarioResult | undefined) {
  if (!r) return null;
  return {
    clients: r.clients,
    open: r.open,
    failedConnects: r.failedConnects,
    connectS: round(r.connectMs / 1000, 1),
    p50: round(r.latencyMs.p50),
    p90: round(r.latencyMs.p90),
    p99: round(r.latencyMs.p99),
    max: round(r.latencyMs.max),
    mean: round(r.latencyMs.mean),
    samples: r.latencyMs.samples,
    published: r.published,
    expected: r.expected,
    delivered: r.delivered,
    lost: r.lost,
    duplicated: r.duplicated,
    clientsMissingSome: r.clientsMissingSome,
    closes: r.closes,
    drainS: round(r.drainMs / 1000, 1),
    rssIdleKiB: r.rssIdleKiB,
    rssConnectedKiB: r.rssConnectedKiB,
    rssPeakKiB: r.rssPeakKiB,
    rssPerConnKB: round(kb(r.rssPerConnKiB), 2),
    serverCpuPercent: round(r.serverCpuPercent, 0),
    generatorsCpuPercent: round(r.generatorsCpuPercent, 0),
  };
}

async function main(): Promise<number> {
  const quick = process.env['BENCH_QUICK'] === '1';
  const clients = intEnv('BENCH_CLIENTS', quick ? 1000 : 10_000);
  const rate = intEnv('BENCH_RATE', 100);
  const seconds = intEnv('BENCH_SECONDS', quick ? 20 : 60);
  const baselineClients = intEnv('BENCH_BASELINE_CLIENTS', clients);
  const withBaseline = process.env['BENCH_BASELINE'] !== '0';
  const generators = intEnv('BENCH_GENERATORS', 2);
  const batch = intEnv('BENCH_CONNECT_BATCH', 500);
  const drainSeconds = intEnv('BENCH_DRAIN_SECONDS', 30);
  const cpuProfDir = process.env['BENCH_GATEWAY_CPU_PROF'];
  const redisUrl = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
  const runPrefix = `bench-${process.pid}-${randomBytes(4).toString('hex')}-`;
  const startedAt = Date.now();
  const gatewayMain = join(ROOT, 'dist/apps/gateway/main.js');
  if (!existsSync(gatewayMain)) {
    throw new Error(
      `${gatewayMain} not found: build it first (npx nx build gateway), or run npm run bench:gateway`,
    );
  }

  const { cleanup, redis } = await startBenchRun(redisUrl, runPrefix);
  try {
    const machine = await machineInfo(redis);
    const limits = openFileLimits();
    const loadAtStart = loadavg();
    console.log(
      `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}, ` +
        `Node ${machine.node}, Redis ${machine.redis}`,
    );
    console.log(
      `Load average ${loadAtStart.map((l) => l.toFixed(2)).join(', ')} (other work on these ` +
        `${machine.cores} cores skews every figure); ulimit -n ${limits.soft} (hard ${limits.hard}): ` +
        `children that need more file descriptors are started with a raised ulimit -n`,
    );
    console.log(
      `Key prefix of this run: ${runPrefix}*; ${fmt(clients)} clients, ${rate} filings/s for ${seconds} s` +
        `${quick ? ' (BENCH_QUICK)' : ''}`,
    );
    const context: ScenarioContext = {
      redis,
      redisUrl,
      root: ROOT,
      runPrefix,
      cleanup,
      log: (line) => console.log(line),
    };
    const common = { rate, seconds, generators, batch, drainSeconds };

    console.log(`\n[1/2] secfeed gateway (built), ${fmt(clients)} ws clients`);
    const ours = await runScenario(context, {
      ...common,
      server: 'secfeed',
      clients,
      serverNodeArgs: cpuProfDir
        ? ['--cpu-prof', `--cpu-prof-dir=${resolve(cpuProfDir)}`]
        : undefined,
    });
    for (const line of describe('  secfeed', ours)) console.log(line);

    let baseline: ScenarioResult | undefined;
    if (withBaseline) {
      console.log(
        `\n[2/2] baseline: Socket.IO + redis-streams-adapter, ${fmt(baselineClients)} socket.io-client clients`,
      );
      baseline = await runScenario(context, {
        ...common,
        server: 'socketio',
        clients: baselineClients,
      });
      for (const line of describe('  baseline', baseline)) console.log(line);
    }

    const p99Ratio = baseline
      ? baseline.latencyMs.p99 / ours.latencyMs.p99
      : NaN;
    const p50Ratio = baseline
      ? baseline.latencyMs.p50 / ours.latencyMs.p50
      : NaN;
    const maxRatio = baseline
      ? baseline.latencyMs.max / ours.latencyMs.max
      : NaN;
    const rssRatio = baseline
      ? baseline.rssPerConnKiB / ours.rssPerConnKiB
      : NaN;
    const sameN = baseline !== undefined && baseline.open === ours.open;
    const met = {
      lost: ours.lost === 0 && ours.open === clients,
      p99: ours.latencyMs.p99 < TARGETS.p99Ms,
      rssPerConn: kb(ours.rssPerConnKiB) < TARGETS.rssPerConnKB,
      p99VsBaseline: baseline ? p99Ratio >= TARGETS.p99Ratio : null,
    };
    const lines = [
      '',
      '=== Gateway benchmark ===',
      ...describe('secfeed', ours),
      ...(baseline ? describe('baseline (Socket.IO)', baseline) : []),
      ...(baseline
        ? [
            `Ratios baseline / secfeed (higher = secfeed better): p50 ${fmt(p50Ratio, 2)}x, p99 ${fmt(p99Ratio, 2)}x, ` +
              `max ${fmt(maxRatio, 2)}x, RSS per connection ${fmt(rssRatio, 2)}x` +
              (sameN
                ? ''
                : ` (NOT the same N: ${fmt(ours.open)} vs ${fmt(baseline.open)} clients)`),
          ]
        : []),
      `Targets (${fmt(TARGETS.clients)} clients, 100 filings/s, 60 s; this run: ${fmt(clients)} clients, ${rate}/s, ${seconds} s):`,
      `  0 lost: ${verdict(met.lost)} (${fmt(ours.lost)} lost)`,
      `  p99 < ${TARGETS.p99Ms} ms: ${verdict(met.p99)} (${fmt(ours.latencyMs.p99, 2)} ms)`,
      `  RSS per idle connection < ${TARGETS.rssPerConnKB} kB: ${verdict(met.rssPerConn)} (${fmt(kb(ours.rssPerConnKiB), 2)} kB)`,
      ...(baseline
        ? [
            `  p99 >= ${TARGETS.p99Ratio}x better than the baseline: ${verdict(p99Ratio >= TARGETS.p99Ratio)} (${fmt(p99Ratio, 2)}x)`,
          ]
        : []),
      `Total time ${fmt((Date.now() - startedAt) / 1000, 1)} s; load average (1 min) ${loadAtStart[0].toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`,
    ];
    for (const line of lines) console.log(line);
    if (ours.serverOutput.length > 0) {
      console.log('Gateway wrote (last lines):');
      console.log(`  ${ours.serverOutput.join('\n  ')}`);
    }

    const summary = {
      benchmark: 'gateway',
      at: new Date(startedAt).toISOString(),
      machine: { ...machine, ulimitN: limits.soft },
      loadAverage: {
        start: loadAtStart.map((l) => round(l, 2)),
        end: loadavg().map((l) => round(l, 2)),
      },
      clients,
      baselineClients: withBaseline ? baselineClients : null,
      rate,
      durationS: seconds,
      quick,
      generators,
      ours: json(ours),
      baseline: json(baseline),
      ratios: baseline
        ? {
            p50: round(p50Ratio, 2),
            p99: round(p99Ratio, 2),
            max: round(maxRatio, 2),
            rssPerConn: round(rssRatio, 2),
            sameN,
          }
        : null,
      targets: { ...TARGETS, met },
      totalS: round((Date.now() - startedAt) / 1000, 1),
    };
    await cleanup.runAll();
    console.log(JSON.stringify(summary));
    return ours.lost === 0 ? 0 : 1;
  } finally {
    await cleanup.runAll();
  }
}

runBenchmark('gateway', main);
