import { setTimeout as sleep } from 'node:timers/promises';
import { cpuMs, processCounters, rssKiB } from '../lib/proc-stats';
import type { NodeChild } from '../lib/node-child';
import {
  collectReports,
  drainClients,
  type Counts,
  type Drain,
} from './client-counts';
import type { ClientKind } from './generator-protocol';
import { LoadGenerator } from './load-generators';
import { publishLoad, type Load } from './publish-load';
import type { ScenarioContext } from './scenario-context';
import { createPublisher } from './scenario-publisher';
import { freePort, startServer, type ServerKind } from './scenario-server';

export type { ScenarioContext } from './scenario-context';
export type { ServerKind } from './scenario-server';

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

interface Connection {
  open: number;
  failedConnects: number;
  firstConnectError?: string;
  connectMs: number;
}

export interface ScenarioResult
  extends Connection, Omit<Load, 'rssPeakKiB'>, Drain, Counts {
  server: ServerKind;
  serverPid: number;
  clients: number;
  rssIdleKiB: number;
  rssConnectedKiB: number;
  rssPerConnKiB: number;
  /** User + system CPU of the server process while publishing and draining. */
  serverCpuMs: number;
  /** Of it in user mode (JavaScript, V8, garbage collection). */
  serverUserMs: number;
  /** Of it in the kernel (system calls, loopback TCP). */
  serverSystemMs: number;
  /** Write system calls of the server in the same window (`syscw`): one per client per batch at best. */
  serverWriteCalls: number;
  /** The publish-and-drain window, CLOCK_MONOTONIC microseconds (a `--cpu-prof` profile's clock). */
  windowUs: { from: number; to: number };
  /** `serverCpuMs` per delivered message, in microseconds. */
  cpuUsPerMessage: number;
  serverCpuPercent: number;
  generatorsCpuPercent: number;
  serverOutput: string[];
}

/** Client counts of each load generator: `clients` split as evenly as whole numbers allow. */
export function splitClients(clients: number, generators: number): number[] {
  return Array.from(
    { length: generators },
    (_, i) =>
      Math.floor((clients * (i + 1)) / generators) -
      Math.floor((clients * i) / generators),
  ).filter((share) => share > 0);
}

async function openClients(
  context: ScenarioContext,
  options: ScenarioOptions,
  port: number,
  generators: LoadGenerator[],
): Promise<Connection> {
  const kind: ClientKind = options.server === 'socketio' ? 'socketio' : 'ws';
  const url =
    kind === 'ws' ? `ws://127.0.0.1:${port}/ws` : `http://127.0.0.1:${port}`;
  const shares = splitClients(options.clients, options.generators);
  for (const clients of shares) {
    const { root, cleanup } = context;
    generators.push(
      await LoadGenerator.start({ root, kind, url, clients, cleanup }),
    );
  }
  const started = Date.now();
  const connected = await Promise.all(
    generators.map((g, i) =>
      g.connect(shares[i], options.batch, 60_000 + shares[i] * 30),
    ),
  );
  const connection: Connection = {
    open: connected.reduce((sum, c) => sum + c.open, 0),
    failedConnects: connected.reduce((sum, c) => sum + c.failed, 0),
    firstConnectError: connected.find((c) => c.firstError)?.firstError,
    connectMs: Date.now() - started,
  };
  context.log(
    `  ${connection.open} of ${options.clients} clients subscribed in ${(connection.connectMs / 1000).toFixed(1)} s ` +
      `(${options.batch} at a time, ${generators.length} load generator processes)` +
      (connection.failedConnects
        ? `; ${connection.failedConnects} failed: ${connection.firstConnectError}`
        : ''),
  );
  return connection;
}

/** `process.hrtime` in microseconds: CLOCK_MONOTONIC on Linux, as V8's profiler stamps samples. */
function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** CPU of the server (by mode) and of the generators, and the server's write calls. */
function cpuSampler(server: NodeChild, generators: LoadGenerator[]) {
  const pids = () => generators.map((g) => g.proc.pid);
  const sumCpu = (list: number[]) =>
    list.reduce((sum, pid) => sum + cpuMs(pid), 0);
  const serverStart = processCounters(server.pid);
  const generatorsStart = sumCpu(pids());
  return (windowMs: number) => {
    const end = processCounters(server.pid);
    const serverUserMs = end.userMs - serverStart.userMs;
    const serverSystemMs = end.systemMs - serverStart.systemMs;
    const serverCpuMs = serverUserMs + serverSystemMs;
    return {
      serverCpuMs,
      serverUserMs,
      serverSystemMs,
      serverWriteCalls: end.writeCalls - serverStart.writeCalls,
      serverCpuPercent: (serverCpuMs / windowMs) * 100,
      generatorsCpuPercent:
        ((sumCpu(pids()) - generatorsStart) / windowMs) * 100,
    };
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
  const keyPrefix = `${context.runPrefix}${options.server}:`;
  const publisher = createPublisher(context, options.server, keyPrefix);
  const closePublisher = context.cleanup.push('close publisher', () =>
    publisher.close(),
  );
  const generators: LoadGenerator[] = [];
  const closeGenerators = context.cleanup.push('close load generators', () =>
    Promise.all(generators.map((g) => g.close())),
  );
  const port = await freePort();
  const start = {
    kind: options.server,
    clients: options.clients,
    keyPrefix,
    nodeArgs: options.serverNodeArgs,
  };
  const server = await startServer(context, start, port, publisher.streamKey);
  const stopServer = context.cleanup.push(`stop server ${server.pid}`, () =>
    server.stop(),
  );
  try {
    await sleep(2000);
    const rssIdleKiB = rssKiB(server.pid);
    const connection = await openClients(context, options, port, generators);
    await sleep(3000);
    const rssConnectedKiB = rssKiB(server.pid);
    const rssPerConnKiB =
      connection.open > 0
        ? (rssConnectedKiB - rssIdleKiB) / connection.open
        : NaN;
    context.log(
      `  server RSS: ${(rssIdleKiB / 1024).toFixed(1)} MiB idle, ${(rssConnectedKiB / 1024).toFixed(1)} MiB ` +
        `with ${connection.open} idle subscribed clients: ${rssPerConnKiB.toFixed(2)} KiB per connection`,
    );
    const cpu = cpuSampler(server, generators);
    const from = monotonicUs();
    const { rssPeakKiB: loadPeak, ...load } = await publishLoad(
      context,
      options,
      publisher,
      server,
      generators,
      connection.open,
    );
    const drain = await drainClients(
      options.drainSeconds,
      generators,
      load.expected,
      server,
    );
    const cpuFigures = cpu(load.publishSpanMs + drain.drainMs);
    const windowUs = { from, to: monotonicUs() };
    const counts = await collectReports(generators, load.published);
    return {
      server: options.server,
      serverPid: server.pid,
      clients: options.clients,
      ...connection,
      ...load,
      ...drain,
      ...counts,
      ...cpuFigures,
      rssIdleKiB,
      rssConnectedKiB,
      rssPerConnKiB,
      windowUs,
      rssPeakKiB: Math.max(loadPeak, drain.rssPeakKiB, rssConnectedKiB),
      cpuUsPerMessage: (cpuFigures.serverCpuMs * 1000) / counts.delivered,
      serverOutput: server.output().slice(-5),
    };
  } finally {
    await closeGenerators();
    await closePublisher();
    await stopServer();
  }
}
