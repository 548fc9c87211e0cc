import type { StreamEntry } from '@secfeed/stream-client';
import type { PageGate } from './history-scan-slot';
import { comparePositions, ZERO_POSITION } from './stream-position';

/** The one method history reads need; a node-redis v5 client fits. */
export interface HistoryClient {
  sendCommand(args: ReadonlyArray<string>): Promise<unknown>;
}

/** What the stream still holds (from `XINFO STREAM`). */
export interface StreamRetention {
  /** The oldest entry still in the stream; absent when it is empty. */
  readonly firstId?: string;
  /** The newest ID ever added (even if deleted since). */
  readonly lastGeneratedId: string;
  /** The newest ID removed with XDEL (`0-0` when none). */
  readonly maxDeletedId: string;
}

/** Resolves before each page is read; a scan that must stop rejects (none by default). */
const noGate: PageGate = () => Promise.resolve();

/**
 * Reads stream entries in `(after, upTo]`, oldest first, one page of `pageSize` at a time, so a
 * long replay never loads the whole stream into memory. `gate` is awaited before each page: it
 * paces the reads, and its rejection ends them (the error propagates).
 */
export async function* readRange(
  client: HistoryClient,
  key: string,
  after: string,
  upTo: string,
  pageSize: number,
  gate: PageGate = noGate,
): AsyncGenerator<StreamEntry[]> {
  let from = after;
  while (comparePositions(from, upTo) < 0) {
    await gate();
    const page = parseEntries(
      await client.sendCommand([
        'XRANGE',
        key,
        `(${from}`,
        upTo,
        'COUNT',
        String(pageSize),
      ]),
    );
    if (page.length === 0) return;
    yield page;
    from = page[page.length - 1].id;
    if (page.length < pageSize) return;
  }
}

/**
 * Reads entries at or before `upTo`, newest first, one page at a time, at most `limit` in all
 * (the bound of a snapshot's scan). `gate` is awaited before each page, as in {@link readRange}.
 */
export async function* readBackwards(
  client: HistoryClient,
  key: string,
  upTo: string,
  pageSize: number,
  limit: number,
  gate: PageGate = noGate,
): AsyncGenerator<StreamEntry[]> {
  let end = upTo;
  let left = limit;
  while (left > 0) {
    await gate();
    const count = Math.min(pageSize, left);
    const page = parseEntries(
      await client.sendCommand([
        'XREVRANGE',
        key,
        end,
        '-',
        'COUNT',
        String(count),
      ]),
    );
    if (page.length === 0) return;
    yield page;
    left -= page.length;
    if (page.length < count) return;
    end = `(${page[page.length - 1].id}`;
  }
}

/** What the stream retains; a missing stream retains nothing and has generated nothing. */
export async function streamRetention(
  client: HistoryClient,
  key: string,
): Promise<StreamRetention> {
  let reply: unknown;
  try {
    reply = await client.sendCommand(['XINFO', 'STREAM', key]);
  } catch (err) {
    if (/no such key/i.test((err as Error).message)) {
      return { lastGeneratedId: ZERO_POSITION, maxDeletedId: ZERO_POSITION };
    }
    throw err;
  }
  const info = toRecord(reply);
  const first = info.get('first-entry');
  return {
    firstId: Array.isArray(first) ? String(first[0]) : undefined,
    lastGeneratedId: String(info.get('last-generated-id') ?? ZERO_POSITION),
    maxDeletedId: String(info.get('max-deleted-entry-id') ?? ZERO_POSITION),
  };
}

/**
 * Whether every entry after `since` is still in the stream, so a replay from it is complete.
 * Conservative: `since` must be the newest ID ever generated, or lie between the first retained
 * entry and the newest ID with nothing deleted after it. A position older than the first entry
 * may have had successors trimmed away, and a position newer than anything generated is not
 * ours: both give `false` (never a partial replay).
 */
export function isRetained(since: string, retention: StreamRetention): boolean {
  const { firstId, lastGeneratedId, maxDeletedId } = retention;
  if (comparePositions(since, lastGeneratedId) > 0) return false;
  if (comparePositions(since, lastGeneratedId) === 0) return true;
  return (
    firstId !== undefined &&
    comparePositions(since, firstId) >= 0 &&
    comparePositions(since, maxDeletedId) >= 0
  );
}

function parseEntries(reply: unknown): StreamEntry[] {
  if (!Array.isArray(reply)) return [];
  return reply.map(([id, flat]: [unknown, unknown]) => {
    const fields: Record<string, string> = {};
    const values = Array.isArray(flat) ? flat : [];
    for (let i = 0; i + 1 < values.length; i += 2) {
      fields[String(values[i])] = String(values[i + 1]);
    }
    return { id: String(id), fields };
  });
}

// RESP2 answers XINFO with a flat key/value array, RESP3 with a map.
function toRecord(reply: unknown): Map<string, unknown> {
  if (reply instanceof Map)
    return new Map([...reply].map(([k, v]) => [String(k), v]));
  const record = new Map<string, unknown>();
  const flat = Array.isArray(reply) ? reply : [];
  for (let i = 0; i + 1 < flat.length; i += 2)
    record.set(String(flat[i]), flat[i + 1]);
  return record;
}
