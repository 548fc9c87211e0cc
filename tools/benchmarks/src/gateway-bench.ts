/**
 * The gateway benchmark (docs/benchmarks.md, "Gateway"): for each load profile, three servers
 * one after another, each on a fresh Redis stream of the same kind and under the same load:
 *
 * 1. **secfeed**: the built gateway (`node dist/apps/gateway/main.js`, a child process);
 * 2. **floor**: a bare `ws` server that reads the same kind of stream with `XREAD BLOCK` and
 *    writes each batch, framed once, to every client (`gateway/floor-server.ts`): the least any
 *    Node server can spend per delivered message;
 * 3. **socketio**: Socket.IO 4 with `@socket.io/redis-streams-adapter` (`gateway/socketio-server.ts`),
 *    what most Node teams would build.
 *
 * N subscribed clients are opened by load-generator child processes (`gateway/load-generator.ts`,
 * IPC); this process publishes filings at a set rate (through `FilingPublisher` for secfeed and
 * the floor, a room emit on the adapter stream for Socket.IO), each stamped with its publish
 * time in `description`; the clients measure publish-to-receive latency and count what they get.
 * Per server: delivered, p50/p99/max, server CPU (user + system, `/proc/<pid>/stat`) per
 * delivered message, RSS per idle connection; then secfeed / floor and Socket.IO / secfeed.
 *
 * Profiles (`BENCH_PROFILES`, or the first argument; default `busy,dense`): `busy` = 10,000
 * clients x 10 filings/s (a busy 4 pm), `dense` = 1,000 x 100/s, `stress` = 10,000 x 100/s,
 * `<clients>x<rate>`. Knobs: BENCH_SECONDS (20 per server and profile), BENCH_SERVERS
 * (`secfeed,floor,socketio`), BENCH_GENERATORS (load generator processes, 2),
 * BENCH_CONNECT_BATCH (500), BENCH_DRAIN_SECONDS (30), BENCH_GATEWAY_CPU_PROF=<dir>
 * (`node --cpu-prof` on the gateway; summarize with `cpu-profile-summary.ts`), BENCH_CPU_PROF_SERVERS
 * (which servers that profiles, `secfeed`; `secfeed,floor` to compare), REDIS_URL.
 *
 * Run: `npm run bench:gateway` (builds the gateway first). Prints figures and one table per
 * profile, then exactly one JSON line as the last line. Every key goes under a prefix of this
 * run and is deleted at the end; every child process is stopped, on failure and on Ctrl-C too.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { openFileLimits } from './lib/node-child';
import {
  runScenario,
  type ScenarioContext,
  type ScenarioResult,
} from './gateway/scenario';
import { SERVER_KINDS, type ServerKind } from './gateway/scenario-server';
import {
  DEFAULT_PROFILES,
  selectProfiles,
  type BenchProfile,
} from './gateway/bench-profiles';
import {
  compare,
  comparisonLines,
  type ServerFigures,
} from './gateway/comparison';
import { fmt, intEnv, round } from './lib/report-format';
import { runBenchmark, startBenchRun } from './lib/bench-run';
import { snapshotGatewayBuild } from './lib/gateway-build';
import { machineInfo, type MachineInfo } from './lib/machine-info';
import {
  describeLoad,
  readLoadAverage,
  type LoadAverage,
} from './lib/load-average';

const ROOT = resolve(__dirname, '../../..');

/** KiB (VmRSS unit) to kB (1,000 bytes). */
const kb = (kib: number): number => (kib * 1024) / 1000;

interface BenchConfig {
  profiles: BenchProfile[];
  servers: ServerKind[];
  generators: number;
  batch: number;
  drainSeconds: number;
  cpuProfDir?: string;
  cpuProfServers: ServerKind[];
  redisUrl: string;
}

interface ProfileRun {
  profile: BenchProfile;
  results: ScenarioResult[];
  load: { start: LoadAverage; end: LoadAverage };
}

function readServers(list: string): ServerKind[] {
  const servers = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const server of servers) {
    if (!SERVER_KINDS.includes(server as ServerKind)) {
      throw new Error(
        `BENCH_SERVERS: unknown server "${server}" (${SERVER_KINDS.join(', ')})`,
      );
    }
  }
  if (servers.length === 0) throw new Error('BENCH_SERVERS names no server');
  return servers as ServerKind[];
}

function readConfig(argv: string[]): BenchConfig {
  const seconds = intEnv('BENCH_SECONDS', 20);
  return {
    profiles: selectProfiles(
      argv[0] || process.env['BENCH_PROFILES'] || DEFAULT_PROFILES,
      seconds,
    ),
    servers: readServers(
      process.env['BENCH_SERVERS'] || SERVER_KINDS.join(','),
    ),
    generators: intEnv('BENCH_GENERATORS', 2),
    batch: intEnv('BENCH_CONNECT_BATCH', 500),
    drainSeconds: intEnv('BENCH_DRAIN_SECONDS', 30),
    cpuProfDir: process.env['BENCH_GATEWAY_CPU_PROF'] || undefined,
    cpuProfServers: readServers(
      process.env['BENCH_CPU_PROF_SERVERS'] || 'secfeed',
    ),
    redisUrl: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
  };
}

function figures(r: ScenarioResult): ServerFigures {
  return {
    ...r,
    systemUsPerMessage: (r.serverSystemMs * 1000) / r.delivered,
    messagesPerWrite: r.delivered / r.serverWriteCalls,
    rssPerConnKB: kb(r.rssPerConnKiB),
  };
}

function describe(r: ScenarioResult): string[] {
  const l = r.latencyMs;
  return [
    `  ${r.server}: ${fmt(r.open)} of ${fmt(r.clients)} clients subscribed in ${fmt(r.connectMs / 1000, 1)} s` +
      (r.failedConnects
        ? `, ${fmt(r.failedConnects)} failed: ${r.firstConnectError}`
        : ''),
    `    latency p50 ${fmt(l.p50, 2)} ms, p90 ${fmt(l.p90, 2)} ms, p99 ${fmt(l.p99, 2)} ms, max ${fmt(l.max, 2)} ms`,
    `    delivered ${fmt(r.delivered)} of ${fmt(r.expected)}: lost ${fmt(r.lost)} (${fmt(r.clientsMissingSome)} clients ` +
      `missing some), duplicated ${fmt(r.duplicated)}; drain ${fmt(r.drainMs / 1000, 1)} s${r.drainComplete ? '' : ' (gave up)'}`,
    `    closes ${JSON.stringify(r.closes)}, client errors ${r.clientErrors}, publish errors ${r.publishErrors}`,
    `    RSS idle ${fmt(r.rssIdleKiB / 1024, 1)} MiB, with clients ${fmt(r.rssConnectedKiB / 1024, 1)} MiB, ` +
      `peak ${fmt(r.rssPeakKiB / 1024, 1)} MiB: ${fmt(kb(r.rssPerConnKiB), 2)} kB per idle connection`,
    `    server CPU ${fmt(r.serverCpuMs)} ms (${fmt(r.serverCpuPercent)} % of one core): ${fmt(r.cpuUsPerMessage, 2)} us ` +
      `per delivered message (user ${fmt((r.serverUserMs * 1000) / r.delivered, 2)}, system ` +
      `${fmt((r.serverSystemMs * 1000) / r.delivered, 2)}); ${fmt(r.serverWriteCalls)} write calls, ` +
      `${fmt(r.delivered / r.serverWriteCalls, 2)} messages per call; load generators ${fmt(r.generatorsCpuPercent)} % of one core`,
  ];
}

async function runProfile(
  context: ScenarioContext,
  config: BenchConfig,
  profile: BenchProfile,
): Promise<ProfileRun> {
  const start = readLoadAverage();
  context.log(
    `\n== ${profile.title}: ${fmt(profile.clients)} clients, ${profile.rate} filings/s for ${profile.seconds} s ` +
      `(load average ${describeLoad(start)})`,
  );
  const results: ScenarioResult[] = [];
  for (const [i, server] of config.servers.entries()) {
    context.log(`[${i + 1}/${config.servers.length}] ${server}`);
    const profiled =
      config.cpuProfDir && config.cpuProfServers.includes(server);
    const result = await runScenario(context, {
      ...profile,
      server,
      generators: config.generators,
      batch: config.batch,
      drainSeconds: config.drainSeconds,
      serverNodeArgs: profiled
        ? ['--cpu-prof', `--cpu-prof-dir=${resolve(config.cpuProfDir ?? '')}`]
        : undefined,
    });
    describe(result).forEach((line) => context.log(line));
    if (profiled) {
      context.log(
        `    CPU profile of pid ${result.serverPid} in ${config.cpuProfDir}; window ${result.windowUs.from}-${result.windowUs.to}`,
      );
    }
    results.push(result);
  }
  return { profile, results, load: { start, end: readLoadAverage() } };
}

function report(run: ProfileRun): string[] {
  const { profile, load } = run;
  return [
    '',
    `${profile.title} (${profile.name}): ${fmt(profile.clients)} clients x ${profile.rate} filings/s, ${profile.seconds} s; ` +
      `load average ${describeLoad(load.start)} before, ${describeLoad(load.end)} after`,
    ...comparisonLines(run.results.map(figures)),
  ];
}

function resultJson(r: ScenarioResult) {
  const { serverOutput, latencyMs, ...rest } = r;
  void serverOutput;
  return {
    ...rest,
    latencyMs: Object.fromEntries(
      Object.entries(latencyMs).map(([k, v]) => [k, round(v)]),
    ),
    rssPerConnKB: round(kb(r.rssPerConnKiB), 2),
    cpuUsPerMessage: round(r.cpuUsPerMessage, 2),
    serverCpuPercent: round(r.serverCpuPercent, 0),
    generatorsCpuPercent: round(r.generatorsCpuPercent, 0),
  };
}

function summary(
  machine: MachineInfo,
  runs: ProfileRun[],
  at: number,
  load: LoadAverage[],
) {
  return {
    benchmark: 'gateway',
    at: new Date(at).toISOString(),
    machine: { ...machine, ulimitN: openFileLimits().soft },
    loadAverage: { start: load[0], end: load[1] },
    profiles: runs.map((run) => ({
      ...run.profile,
      loadAverage: run.load,
      results: run.results.map(resultJson),
      ratios: Object.fromEntries(
        Object.entries(compare(run.results.map(figures))).map(([k, v]) => [
          k,
          round(v, 2),
        ]),
      ),
    })),
    totalS: round((Date.now() - at) / 1000, 1),
  };
}

function printMachine(machine: MachineInfo, load: LoadAverage): void {
  const limits = openFileLimits();
  console.log(
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}, ` +
      `Node ${machine.node}, Redis ${machine.redis}`,
  );
  console.log(
    `Load average ${describeLoad(load)} (/proc/loadavg; other work on these ${machine.cores} cores skews ` +
      `every figure); ulimit -n ${limits.soft} (hard ${limits.hard}): children that need more file ` +
      `descriptors are started with a raised ulimit -n`,
  );
}

async function main(): Promise<number> {
  const config = readConfig(process.argv.slice(2));
  const startedAt = Date.now();
  const runPrefix = `bench-${process.pid}-${randomBytes(4).toString('hex')}-`;
  const { cleanup, redis } = await startBenchRun(config.redisUrl, runPrefix);
  try {
    const loadAtStart = readLoadAverage();
    const machine = await machineInfo(redis);
    printMachine(machine, loadAtStart);
    const build = snapshotGatewayBuild(ROOT, cleanup);
    console.log(
      `Gateway: dist/apps/gateway/main.js (copied for the run) built at commit ${build.commit}` +
        (build.uncommitted
          ? ` with ${build.uncommitted} uncommitted files of apps/gateway and libs`
          : ''),
    );
    console.log(
      `Key prefix of this run: ${runPrefix}*; servers ${config.servers.join(', ')}`,
    );
    const context: ScenarioContext = {
      redis,
      redisUrl: config.redisUrl,
      root: ROOT,
      runPrefix,
      gatewayMain: build.main,
      cleanup,
      log: (line) => console.log(line),
    };
    const runs: ProfileRun[] = [];
    for (const profile of config.profiles)
      runs.push(await runProfile(context, config, profile));
    const loadAtEnd = readLoadAverage();
    console.log(
      '\n=== Gateway benchmark: secfeed, the bare ws floor and Socket.IO ===',
    );
    runs.flatMap(report).forEach((line) => console.log(line));
    console.log(
      `\nTotal ${fmt((Date.now() - startedAt) / 1000, 1)} s; load average ${describeLoad(loadAtStart)} at start, ` +
        `${describeLoad(loadAtEnd)} at end`,
    );
    await cleanup.runAll();
    console.log(
      JSON.stringify(
        summary(machine, runs, startedAt, [loadAtStart, loadAtEnd]),
      ),
    );
    const lost = runs
      .flatMap((run) => run.results)
      .some((r) => r.server === 'secfeed' && r.lost > 0);
    return lost ? 1 : 0;
  } finally {
    await cleanup.runAll();
  }
}

runBenchmark('gateway', main);
