import type { StreamEntry } from './stream-entry';

/**
 * Turns a RESP2 `XREAD` reply for a single stream into entries, oldest first. `null` (the
 * BLOCK timed out) gives no entries. The raw reply is used instead of node-redis's transformed
 * one because that shape differs between RESP2 and RESP3 and is marked unstable for RESP3.
 *
 * @throws TypeError for a reply that is not an XREAD reply (a protocol mismatch).
 */
export function parseXReadReply(reply: unknown): StreamEntry[] {
  if (reply === null) return [];
  if (!Array.isArray(reply)) throw new TypeError('XREAD: unexpected reply');
  return reply.flatMap((stream: unknown) => {
    if (!Array.isArray(stream) || !Array.isArray(stream[1])) {
      throw new TypeError('XREAD: unexpected stream in reply');
    }
    return (stream[1] as unknown[]).map(parseEntry);
  });
}

/** Parses one `[id, [field, value, ...]]` pair, as XREAD and XRANGE return it. */
export function parseEntry(raw: unknown): StreamEntry {
  if (!Array.isArray(raw) || raw.length !== 2 || !Array.isArray(raw[1])) {
    throw new TypeError('stream entry: unexpected shape');
  }
  const [id, flat] = raw as [unknown, unknown[]];
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) {
    fields[String(flat[i])] = String(flat[i + 1]);
  }
  return { id: String(id), fields };
}
