import type { createClient } from 'redis';

const HASH_SLOTS = 16384;

type NodeClient = Pick<ReturnType<typeof createClient>, 'sendCommand'>;

/** `CLUSTER INFO` of a node that sees every slot served. */
export function clusterInfoOk(info: string): boolean {
  return (
    /^cluster_state:ok\b/m.test(info) &&
    new RegExp(`^cluster_slots_ok:${HASH_SLOTS}\\b`, 'm').test(info)
  );
}

/** `INFO replication` of a replica whose link is up and whose first sync is done. */
export function replicaInSync(info: string): boolean {
  return (
    /^role:slave\b/m.test(info) &&
    /^master_link_status:up\b/m.test(info) &&
    /^master_sync_in_progress:0\b/m.test(info)
  );
}

/**
 * The port of the master serving `slot`, as the node behind `client` sees it.
 * @throws when that node knows no master for the slot.
 */
export async function slotMasterPort(
  client: NodeClient,
  slot: number,
): Promise<number> {
  const [master] = await slotPorts(client, slot);
  return master;
}

/** The ports of the replicas of the master serving `slot` (see {@link slotMasterPort}). */
export async function slotReplicaPorts(
  client: NodeClient,
  slot: number,
): Promise<number[]> {
  return (await slotPorts(client, slot)).slice(1);
}

/** `CLUSTER SLOTS` gives `[start, end, [host, port, id], ...replicas]` per range. */
async function slotPorts(client: NodeClient, slot: number): Promise<number[]> {
  const ranges = (await client.sendCommand([
    'CLUSTER',
    'SLOTS',
  ])) as unknown[][];
  const range = ranges.find(
    ([start, end]) => Number(start) <= slot && slot <= Number(end),
  );
  if (!range) throw new Error(`no master serves slot ${slot}`);
  return range.slice(2).map((node) => Number((node as unknown[])[1]));
}
