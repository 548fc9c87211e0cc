import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import {
  clusterInfoOk,
  replicaInSync,
  slotMasterPort,
  slotReplicaPorts,
} from './cluster-topology';
import { killRedisServer, startRedisServer } from './redis-server';
import { reservedPort } from './reserved-port';
import { waitUntil } from './wait-until';

const HASH_SLOTS = 16384;

/** Options of {@link createRedisCluster}; every one has a default. */
export interface RedisClusterOptions {
  /** Masters, each given an equal range of the hash slots. Default 3. */
  readonly masters?: number;
  /** Replicas of each master (`CLUSTER REPLICATE`), in sync before the cluster is returned. Default 0. */
  readonly replicasPerMaster?: number;
  /**
   * `cluster-node-timeout` in ms: how long a master may be unreachable before its replica takes
   * over. Default with replicas 2000 (a failover in about 3 s), without them Redis's own 15000
   * (nothing to fail over to, so a loaded machine must not mark a master failed).
   */
  readonly nodeTimeoutMs?: number;
}

/** Options of {@link RedisClusterProcess.killMaster}. */
export interface KillMasterOptions {
  /**
   * Runs with the master's replicas stopped (SIGSTOP) and their links cut (`CLIENT KILL TYPE
   * replica`), before the kill; they are resumed (SIGCONT) right after it. Whatever the master
   * accepts meanwhile never reaches a replica and is lost in the failover: asynchronous
   * replication's worst case, made certain. Keep it well under the node timeout, or the stopped
   * replicas are themselves marked failed.
   */
  readonly whileReplicasStopped?: () => Promise<void>;
  /** How long the replica may take to be promoted. Default 20 s. */
  readonly timeoutMs?: number;
}

/** What {@link RedisClusterProcess.killMaster} did. */
export interface ClusterFailover {
  /** `redis://127.0.0.1:<port>` of the master SIGKILLed. */
  readonly killed: string;
  /** The replica promoted in its place. */
  readonly promoted: string;
}

/** A private Redis Cluster on free ports. */
export interface RedisClusterProcess {
  /** `redis://127.0.0.1:<port>` of every master as started, in slot order. */
  readonly urls: readonly string[];
  /** Every node as started: the masters, then the replicas. */
  readonly nodeUrls: readonly string[];
  /** The node serving `slot` now, as a live node reports it. */
  masterOf(slot: number): Promise<string>;
  /**
   * SIGKILLs the master serving `slot` (no shutdown: what it had not replicated yet is gone),
   * then resolves once a replica serves the slot and every live node says `cluster_state:ok`.
   * @throws when no replica takes over within `options.timeoutMs`.
   */
  killMaster(
    slot: number,
    options?: KillMasterOptions,
  ): Promise<ClusterFailover>;
  /** Kills every node and removes the cluster's directory. */
  stop(): Promise<void>;
}

interface ClusterNode {
  readonly port: number;
  readonly busPort: number;
  readonly child: ChildProcess;
}

/**
 * Starts a Redis Cluster with cluster mode on and no persistence: `masters` nodes, each given an
 * equal range of the 16384 hash slots, and `replicasPerMaster` replicas of each; joins them with
 * `CLUSTER MEET` and `CLUSTER REPLICATE` and resolves once every node reports
 * `cluster_state:ok`, knows every other, and every replica has finished its first sync. A number
 * is the number of masters (the original signature). On any failure the nodes already started
 * are killed.
 */
export async function createRedisCluster(
  options: number | RedisClusterOptions = {},
): Promise<RedisClusterProcess> {
  const {
    masters = 3,
    replicasPerMaster = 0,
    nodeTimeoutMs = replicasPerMaster > 0 ? 2000 : 15_000,
  } = typeof options === 'number' ? { masters: options } : options;
  const dir = mkdtempSync(join(tmpdir(), 'secfeed-cluster-'));
  const nodes: ClusterNode[] = [];
  const stop = async () => {
    await Promise.all(
      nodes.splice(0).map((node) => killRedisServer(node.child)),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  const total = masters * (1 + replicasPerMaster);
  try {
    for (let i = 0; i < total; i++)
      nodes.push(await startNode(dir, nodeTimeoutMs));
    await formCluster(nodes.slice(0, masters), nodes.slice(masters));
  } catch (err) {
    await stop();
    throw err;
  }
  const started = [...nodes];
  const live = () =>
    started.filter(
      (n) => n.child.exitCode === null && n.child.signalCode === null,
    );
  const masterPort = async (slot: number) =>
    withClient(live()[0].port, (client) => slotMasterPort(client, slot));
  return {
    urls: started.slice(0, masters).map((node) => nodeUrl(node.port)),
    nodeUrls: started.map((node) => nodeUrl(node.port)),
    masterOf: async (slot) => nodeUrl(await masterPort(slot)),
    killMaster: async (slot, options = {}) => {
      const { whileReplicasStopped, timeoutMs = 20_000 } = options;
      const port = await masterPort(slot);
      const victim = started.find((node) => node.port === port);
      if (!victim)
        throw new Error(`slot ${slot} is served by no node of this cluster`);
      const replicas = whileReplicasStopped
        ? await withClient(port, (client) => slotReplicaPorts(client, slot))
        : [];
      const stopped = started.filter((node) => replicas.includes(node.port));
      stopped.forEach((node) => node.child.kill('SIGSTOP'));
      try {
        // A stopped replica's kernel still takes in what the master sends (the socket buffer),
        // so the link is cut too: nothing written from now on reaches a replica.
        if (stopped.length > 0)
          await withClient(port, (client) =>
            client.sendCommand(['CLIENT', 'KILL', 'TYPE', 'replica']),
          );
        await whileReplicasStopped?.();
        await killRedisServer(victim.child);
      } finally {
        stopped.forEach((node) => node.child.kill('SIGCONT'));
      }
      let promoted = port;
      await waitUntil(
        async () => {
          const alive = live();
          const states = await Promise.all(
            alive.map((node) =>
              withClient(node.port, async (client) => ({
                ok: clusterInfoOk(String(await client.clusterInfo())),
                master: await slotMasterPort(client, slot),
              })).catch(() => ({ ok: false, master: port })),
            ),
          );
          promoted = states[0]?.master ?? port;
          return states.every(
            (s) => s.ok && s.master === promoted && s.master !== port,
          );
        },
        `a replica to take over slot ${slot} from 127.0.0.1:${port}`,
        timeoutMs,
      );
      return { killed: nodeUrl(port), promoted: nodeUrl(promoted) };
    },
    stop,
  };
}

async function startNode(
  dir: string,
  nodeTimeoutMs: number,
): Promise<ClusterNode> {
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
    '--cluster-node-timeout',
    String(nodeTimeoutMs),
    // Any replica may take over, however long it was cut off: a test kills on purpose.
    '--cluster-replica-validity-factor',
    '0',
    // A replica's first sync straight over the socket, at once (the default waits 5 s).
    '--repl-diskless-sync',
    'yes',
    '--repl-diskless-sync-delay',
    '0',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  return { port, busPort, child };
}

async function formCluster(
  masters: readonly ClusterNode[],
  replicas: readonly ClusterNode[],
): Promise<void> {
  const nodes = [...masters, ...replicas];
  const clients = await Promise.all(
    nodes.map((node) => createClient({ url: nodeUrl(node.port) }).connect()),
  );
  try {
    const share = Math.ceil(HASH_SLOTS / masters.length);
    await Promise.all(
      masters.map((_, i) =>
        clients[i].sendCommand([
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
    const masterIds = await Promise.all(
      masters.map((_, i) => clients[i].sendCommand(['CLUSTER', 'MYID'])),
    );
    // Replica j follows master j mod masters; REPLICATE fails until gossip made the master known.
    for (const [j, replica] of clients.slice(masters.length).entries()) {
      const masterId = String(masterIds[j % masters.length]);
      await waitUntil(
        () =>
          replica
            .sendCommand(['CLUSTER', 'REPLICATE', masterId])
            .then(() => true)
            .catch(() => false),
        `replica ${j} to follow master ${j % masters.length}`,
        20_000,
      );
    }
    await waitUntil(
      async () => {
        const infos = await Promise.all(clients.map((c) => c.clusterInfo()));
        const formed = infos.every((info) =>
          isFormed(String(info), nodes.length),
        );
        if (!formed) return false;
        const synced = await Promise.all(
          clients
            .slice(masters.length)
            .map(async (c) =>
              replicaInSync(String(await c.info('replication'))),
            ),
        );
        return synced.every(Boolean);
      },
      `a cluster of ${nodes.length} nodes with every slot served and every replica in sync`,
      20_000,
    );
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }
}

function isFormed(info: string, size: number): boolean {
  return (
    clusterInfoOk(info) &&
    new RegExp(`^cluster_known_nodes:${size}\\b`, 'm').test(info)
  );
}

async function withClient<T>(
  port: number,
  use: (client: ReturnType<typeof createClient>) => Promise<T>,
): Promise<T> {
  const client = createClient({ url: nodeUrl(port) });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}

function nodeUrl(port: number): string {
  return `redis://127.0.0.1:${port}`;
}
