import type { BenchRedis } from './redis-helpers';

/** A reader blocked in XREAD on its own connection, noting when each accession number arrived. */
export interface StreamReceiver {
  /** `performance.now()` at which each accession number was read. */
  readonly receivedAt: ReadonlyMap<string, number>;
  /** Stream entry ID of each accession number (its ms part is when Redis ran the XADD). */
  readonly entryIds: ReadonlyMap<string, string>;
  stop(): Promise<void>;
}

interface XReadReply {
  name: string;
  messages: Array<{ id: string; message: Record<string, string> }>;
}

/**
 * Reads `key` from the start with `XREAD BLOCK`, on a duplicate of `redis` (a blocked
 * connection serves nobody else), stamping each entry with the time its reply was handled.
 */
export async function startStreamReceiver(
  redis: BenchRedis,
  key: string,
  blockMs = 200,
): Promise<StreamReceiver> {
  const reader = redis.duplicate();
  await reader.connect();
  const receivedAt = new Map<string, number>();
  const entryIds = new Map<string, string>();
  let stopped = false;
  let id = '0-0';
  const loop = (async () => {
    while (!stopped) {
      const reply = (await reader.xRead(
        { key, id },
        { BLOCK: blockMs, COUNT: 1000 },
      )) as XReadReply[] | null;
      const now = performance.now();
      for (const stream of reply ?? []) {
        for (const entry of stream.messages) {
          const accessionNo = entry.message['accessionNo'];
          if (!receivedAt.has(accessionNo)) {
            receivedAt.set(accessionNo, now);
            entryIds.set(accessionNo, entry.id);
          }
          id = entry.id;
        }
      }
    }
  })();
  return {
    receivedAt,
    entryIds,
    async stop() {
      stopped = true;
      await loop.catch(() => undefined);
      reader.destroy();
    },
  };
}
