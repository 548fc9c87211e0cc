import { Observable } from 'rxjs';
import {
  createDedicatedConnection,
  destroyQuietly,
} from './dedicated-connection';
import { parseEntry, parseXReadReply } from './parse-xread-reply';
import type { StreamReaderEvent } from './stream-reader-event';
import type {
  DedicatedConnection,
  ResolvedStreamReaderOptions,
} from './stream-reader-options';

/** Where the reader stands: the id after which it reads. Shared by all sessions of a reader. */
export interface ReaderCursor {
  position: string;
}

/**
 * One dedicated connection as a cold Observable: `connecting`, `ready` once connected, then an
 * `entry` for every entry of `XREAD BLOCK` read in a loop from `cursor.position` (the cursor
 * moves past each). A failure emits `error` (with its code) and then errors the Observable; the
 * reader's loop then opens a new session that resumes from the cursor.
 */
export function readerSession(
  options: ResolvedStreamReaderOptions,
  cursor: ReaderCursor,
  attempt: number,
): Observable<StreamReaderEvent> {
  return new Observable<StreamReaderEvent>((subscriber) => {
    subscriber.next({ type: 'connecting', attempt });
    const connection = createDedicatedConnection(options);
    let active = true;
    let ready = false;
    const run = async () => {
      await connection.connect();
      if (!active) return;
      if (cursor.position === '$')
        cursor.position = await lastEntryId(connection, options.key);
      ready = true;
      subscriber.next({ type: 'ready', position: cursor.position });
      while (active) {
        const reply = await connection.sendCommand(
          xreadArgs(options, cursor.position),
        );
        for (const entry of parseXReadReply(reply)) {
          if (!active) return;
          cursor.position = entry.id;
          subscriber.next({ type: 'entry', entry });
        }
      }
    };
    run().catch((error: unknown) => {
      if (!active) return;
      const message = error instanceof Error ? error.message : String(error);
      subscriber.next({
        type: 'error',
        code: ready ? 'READ_FAILED' : 'CONNECT_FAILED',
        message,
      });
      subscriber.error(error);
    });
    return () => {
      active = false;
      destroyQuietly(connection);
    };
  });
}

function xreadArgs(
  options: ResolvedStreamReaderOptions,
  position: string,
): string[] {
  const { count, blockMs, key } = options;
  return [
    'XREAD',
    'COUNT',
    String(count),
    'BLOCK',
    String(blockMs),
    'STREAMS',
    key,
    position,
  ];
}

/**
 * Resolves `$` to a concrete id before the first read, so that a reconnect can never skip the
 * entries added while it was down. An empty or missing stream resolves to `0-0`.
 */
async function lastEntryId(
  connection: DedicatedConnection,
  key: string,
): Promise<string> {
  const reply = await connection.sendCommand([
    'XREVRANGE',
    key,
    '+',
    '-',
    'COUNT',
    '1',
  ]);
  return Array.isArray(reply) && reply.length > 0
    ? parseEntry(reply[0]).id
    : '0-0';
}
