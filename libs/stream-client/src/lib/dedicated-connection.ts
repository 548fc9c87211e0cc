import type {
  DedicatedConnection,
  ResolvedStreamReaderOptions,
} from './stream-reader-options';

/**
 * Extra idle time the socket may stay silent beyond `blockMs` before node-redis declares it
 * dead. A healthy BLOCK answers within `blockMs`; anything much later is a half-open TCP link.
 */
export const BLOCK_GRACE_MS = 10_000;

/**
 * Creates the reader's own connection from the caller's client. Overrides, and why:
 * - `socketTimeout: blockMs + BLOCK_GRACE_MS`: node-redis destroys a socket idle for
 *   `socketTimeout`; during a BLOCK nothing arrives for up to `blockMs`, so a caller's smaller
 *   value would cut every read. Exceeding it (instead of disabling it) still catches dead links;
 * - `commandOptions: {}`: drops a caller's per-command `timeout` (which would abort the BLOCK)
 *   and `typeMapping` (the reader parses plain string replies);
 * - `reconnectStrategy: false` and `disableOfflineQueue: true`: a dropped connection fails the
 *   pending read at once instead of being retried or queued behind node-redis's back, so the
 *   reader's own loop owns recovery and always resumes from the last delivered id;
 * - `RESP: 2`, no `pingInterval`, no client-side cache: a plain connection with stable replies.
 */
export function createDedicatedConnection(
  options: ResolvedStreamReaderOptions,
): DedicatedConnection {
  const { client, blockMs, connectionName } = options;
  const connection = client.duplicate({
    socket: {
      ...client.options?.socket,
      socketTimeout: blockMs + BLOCK_GRACE_MS,
      reconnectStrategy: false,
    },
    commandOptions: {},
    disableOfflineQueue: true,
    pingInterval: undefined,
    clientSideCache: undefined,
    RESP: 2,
    name: connectionName,
  });
  // Failures surface through the rejected command; this only keeps the emitter from throwing.
  connection.on('error', () => undefined);
  return connection;
}

/** Closes the connection at once; `QUIT` would wait behind a pending BLOCK for up to `blockMs`. */
export function destroyQuietly(connection: DedicatedConnection): void {
  try {
    connection.destroy();
  } catch {
    // Already closed: nothing left to release.
  }
}
