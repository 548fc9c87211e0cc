import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { killRedisServer, startRedisServer } from './redis-server';
import { reservedPort } from './reserved-port';
import { waitUntil } from './wait-until';

const HASH_SLOTS = 16384;

/** A private Redis Cluster of masters only, on free ports. */
export interface RedisClusterProcess {
  /** `redis://127.0.0.1:<port>` of every master, in slot order. */
  readonly urls: readonly string[];
  /** Kills every node and removes the cluster's directory. */
  stop(): Promise<void>;
}

interface ClusterNode {
  readonly port: number;
  readonly busPort: number;
  readonly child: ChildProcess;
}

/**
 * Starts `masters` (default 3) `redis-server` nodes with cluster mode on and no persistence,
 * gives each an equal range of the 16384 hash slots, joins them with `CLUSTER MEET` and resolves
 * once every node reports `cluster_state:ok` and knows every other. On any failure the nodes
 * already started are killed.
 */
export async function createRedisCluster(
  masters = 3,
): Promise<RedisClusterProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'secfeed-cluster-'));
  const nodes: ClusterNode[] = [];
  const stop = async () => {
    await Promise.all(
      nodes.splice(0).map((node) => killRedisServer(node.child)),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i++) nodes.push(await startNode(dir));
    await formCluster(nodes);
  } catch (err) {
    await stop();
    throw err;
  }
  return { urls: nodes.map((node) => nodeUrl(node.port)), stop };
}

async function startNode(dir: string): Promise<ClusterNode> {
  const port = await reservedPort();
  // The bus port is chosen too: the default (port + 10000) may be taken.
  const busPort = await reservedPort();
  const child = await startRedisServer(port, [
    '--cluster-enabled',
    'yes',
    '--cluster-port',
    String(busPort),
    '--cluster-config-file',
    join(dir, `nodes-${port}.conf`),
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  return { port, busPort, child };
}

async function formCluster(nodes: readonly ClusterNode[]): Promise<void> {
  const clients = await Promise.all(
    nodes.map((node) => createClient({ url: nodeUrl(node.port) }).connect()),
  );
  try {
    const share = Math.ceil(HASH_SLOTS / nodes.length);
    await Promise.all(
      clients.map((client, i) =>
        client.sendCommand([
          'CLUSTER',
          'ADDSLOTSRANGE',
          String(i * share),
          String(Math.min(HASH_SLOTS, (i + 1) * share) - 1),
        ]),
      ),
    );
    for (const node of nodes.slice(1)) {
      await clients[0].sendCommand([
        'CLUSTER',
        'MEET',
        '127.0.0.1',
        String(node.port),
        String(node.busPort),
      ]);
    }
    await waitUntil(
      async () => {
        const infos = await Promise.all(clients.map((c) => c.clusterInfo()));
        return infos.every((info) => isFormed(String(info), nodes.length));
      },
      `a cluster of ${nodes.length} nodes with every slot served`,
      20_000,
    );
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }
}

function isFormed(info: string, size: number): boolean {
  return (
    /^cluster_state:ok\b/m.test(info) &&
    new RegExp(`^cluster_known_nodes:${size}\\b`, 'm').test(info) &&
    new RegExp(`^cluster_slots_ok:${HASH_SLOTS}\\b`, 'm').test(info)
  );
}

function nodeUrl(port: number): string {
  return `redis://127.0.0.1:${port}`;
}
