import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startNodeChild, type NodeChild } from '../lib/node-child';
import { TS_NODE_ARGS } from './load-generators';
import type { ScenarioContext } from './scenario-context';

/** The servers the benchmark compares, all fed by the same kind of Redis stream. */
export type ServerKind = 'secfeed' | 'floor' | 'socketio';

export const SERVER_KINDS: readonly ServerKind[] = [
  'secfeed',
  'floor',
  'socketio',
];

export interface ServerStart {
  kind: ServerKind;
  clients: number;
  keyPrefix: string;
  /** Extra `node` flags for the server, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
}

export async function freePort(): Promise<number> {
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

async function startGateway(
  context: ScenarioContext,
  start: ServerStart,
  port: number,
): Promise<NodeChild> {
  const server = startNodeChild({
    args: [...(start.nodeArgs ?? []), context.gatewayMain],
    env: {
      GATEWAY_PORT: String(port),
      SECFEED_KEY_PREFIX: start.keyPrefix,
      REDIS_URL: context.redisUrl,
      LOG_LEVEL: 'warn',
      GATEWAY_MAX_CONNECTIONS: String(start.clients + 1000),
      // Every benchmark client connects from this machine's one address.
      GATEWAY_MAX_CONNECTIONS_PER_IP: '0',
      // One process: the pid whose CPU and RSS are read is the one that serves.
      GATEWAY_WORKERS: '1',
    },
    cwd: context.root,
    fdLimit: start.clients + 1024,
  });
  context.cleanup.push(`kill gateway ${server.pid}`, () => server.kill());
  const ready = async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/readyz`)).ok;
    } catch {
      return false;
    }
  };
  await waitFor('gateway /readyz', ready, server);
  return server;
}

/** A TypeScript server of this folder that prints `listening <port>` when it accepts clients. */
async function startScriptServer(
  context: ScenarioContext,
  start: ServerStart,
  script: string,
  env: Record<string, string>,
): Promise<NodeChild> {
  let listening = false;
  const server = startNodeChild({
    args: [...(start.nodeArgs ?? []), ...TS_NODE_ARGS, join(__dirname, script)],
    env: {
      ...env,
      REDIS_URL: context.redisUrl,
      TS_NODE_PROJECT: join(context.root, 'tools/benchmarks/tsconfig.json'),
    },
    cwd: context.root,
    fdLimit: start.clients + 1024,
    onLine: (line) => {
      if (line.startsWith('listening')) listening = true;
    },
  });
  context.cleanup.push(`kill ${start.kind} server ${server.pid}`, () =>
    server.kill(),
  );
  await waitFor(`${start.kind} server`, () => listening, server, 60_000);
  return server;
}

/** Starts the server under test on `port`; resolves once it accepts clients. */
export function startServer(
  context: ScenarioContext,
  start: ServerStart,
  port: number,
  streamKey: string,
): Promise<NodeChild> {
  switch (start.kind) {
    case 'secfeed':
      return startGateway(context, start, port);
    case 'floor':
      return startScriptServer(context, start, 'floor-server.ts', {
        BENCH_FLOOR_PORT: String(port),
        BENCH_FLOOR_STREAM: streamKey,
      });
    case 'socketio':
      return startScriptServer(context, start, 'socketio-server.ts', {
        BENCH_SIO_PORT: String(port),
        BENCH_SIO_STREAM: streamKey,
      });
  }
}
