import type {
  DedicatedConnection,
  DuplicableRedisClient,
  DuplicableRedisCluster,
  ResolvedStreamReaderOptions,
} from './stream-reader-options';

/**
 * Extra idle time the socket may stay silent beyond `blockMs` before node-redis declares it
 * dead. A healthy BLOCK answers within `blockMs`; anything much later is a half-open TCP link.
 */
export const BLOCK_GRACE_MS = 10_000;

/**
 * Creates the reader's own connection from the caller's client (or cluster client: then the
 * overrides apply to its node connections). Overrides, and why:
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
  const connection = isCluster(options.client)
    ? duplicateCluster(options.client, options)
    : duplicateClient(options.client, options);
  // Failures surface through the rejected command; this only keeps the emitter from throwing.
  connection.on('error', () => undefined);
  return connection;
}

function duplicateClient(
  client: DuplicableRedisClient,
  { blockMs, connectionName }: ResolvedStreamReaderOptions,
): DedicatedConnection {
  return client.duplicate({
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
}

/**
 * From a cluster client: a cluster client of its own with the same overrides on every node
 * connection (`defaults`), `minimizeConnections` so that it connects only to the node that
 * owns `key`, and every command routed by `key`. A `MOVED` reply (the slot moved) is followed
 * by node-redis; a lost node fails the read like a lost server, and the next session discovers
 * the cluster again from its root nodes.
 */
function duplicateCluster(
  cluster: DuplicableRedisCluster,
  { key, blockMs, connectionName }: ResolvedStreamReaderOptions,
): DedicatedConnection {
  const defaults = cluster._options?.defaults;
  const connection = cluster.duplicate({
    defaults: {
      ...defaults,
      socket: {
        ...defaults?.socket,
        socketTimeout: blockMs + BLOCK_GRACE_MS,
        reconnectStrategy: false,
      },
      disableOfflineQueue: true,
      pingInterval: undefined,
      name: connectionName,
    },
    minimizeConnections: true,
    useReplicas: false,
    commandOptions: undefined,
    clientSideCache: undefined,
    RESP: 2,
  });
  return {
    connect: () => connection.connect(),
    sendCommand: (args) => connection.sendCommand(key, false, [...args]),
    destroy: () => connection.destroy(),
    on: (event, listener) => connection.on(event, listener),
  };
}

function isCluster(
  client: DuplicableRedisClient | DuplicableRedisCluster,
): client is DuplicableRedisCluster {
  return 'masters' in client;
}

/** Closes the connection at once; `QUIT` would wait behind a pending BLOCK for up to `blockMs`. */
export function destroyQuietly(connection: DedicatedConnection): void {
  try {
    connection.destroy();
  } catch {
    // Already closed: nothing left to release.
  }
}
