import {
  createClient,
  createCluster,
  type RedisClientType,
  type RedisClusterType,
} from 'redis';
import type { Logger } from './create-logger';
import { connectionWatch, type ConnectionWatch } from './connection-watch';
import { followClusterFailover } from './follow-cluster-failover';
import { isRedisReady, type SecfeedRedis } from './secfeed-redis';

/** Options of {@link connectRedis}. */
export interface ConnectRedisOptions {
  /**
   * `redis://` or `rediss://` URL of one server or of any node of a Redis Cluster (detected with
   * `INFO cluster`), or a comma-separated list of cluster node URLs (a cluster, no detection).
   */
  url: string;
  logger: Logger;
  /** Called with true when the connection is ready and false when it is lost (for a gauge). */
  onUpChange?: (up: boolean) => void;
  /**
   * Gives up: a connection still being attempted (Redis down at start) is destroyed and the
   * call rejects with the signal's reason, so a service can stop while it waits for Redis.
   */
  signal?: AbortSignal;
}

/** A client or cluster being connected, for an abort to destroy. */
type Closable = Pick<SecfeedRedis, 'isOpen' | 'destroy'>;

/** How often an idle connection says PING, so silence means a dead link, in ms. */
export const PING_INTERVAL_MS = 1000;

/**
 * How long a connection may hear nothing before it is destroyed, in ms. With a PING every
 * {@link PING_INTERVAL_MS}, five seconds of silence is a server that hangs (stopped, swapping)
 * or a link that went away without a FIN: destroying the socket fails every command waiting on
 * it and starts a reconnect, instead of leaving them pending for ever (node-redis's per-command
 * `timeout` covers only the time before a command is written, not its reply).
 */
export const SOCKET_TIMEOUT_MS = 5000;

/** Options every connection shares, standalone or to a cluster node. */
const CONNECTION = {
  disableOfflineQueue: true,
  // No CLIENT SETINFO in the handshake. node-redis ignores that command's failure, so a server
  // that died just after accepting a reconnect left the client "ready" on the dead socket: no
  // further reconnect, every command waiting for ever (connect-redis.spec). With nothing to
  // send, a connection is ready at once and its loss is an ordinary reconnect.
  disableClientInfo: true,
  pingInterval: PING_INTERVAL_MS,
  socket: {
    connectTimeout: 5000,
    socketTimeout: SOCKET_TIMEOUT_MS,
    reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000),
  },
};

/**
 * Connects a service to Redis: a plain client for one server, a cluster client when the URL
 * names a cluster node (or several nodes). The offline queue is off: while Redis is away a
 * command fails at once, so each service decides what to do (ingest buffers within its own
 * bound; the gateway answers 503) instead of node-redis queueing without bound. Every
 * connection reconnects by itself with backoff, and one line is logged per outage, not one per
 * attempt. A connection that hears nothing for {@link SOCKET_TIMEOUT_MS} (it says PING every
 * second) is cut and reconnected, so no command waits for ever on a hung server or a dead link.
 *
 * While Redis is down the call waits, retrying, until it answers or `signal` aborts.
 *
 * @throws the node-redis error when the first `INFO cluster` fails, or when no root node of a
 *   cluster answers; the signal's reason when it aborts.
 */
export async function connectRedis(
  options: ConnectRedisOptions,
): Promise<SecfeedRedis> {
  const { signal } = options;
  signal?.throwIfAborted();
  let connecting: Closable | undefined;
  const abort = () => {
    if (connecting?.isOpen) connecting.destroy();
  };
  signal?.addEventListener('abort', abort, { once: true });
  try {
    const redis = await connect(options, (client) => (connecting = client));
    signal?.throwIfAborted();
    return redis;
  } catch (err) {
    abort(); // nothing left reconnecting in the background
    throw signal?.aborted ? signal.reason : err;
  } finally {
    signal?.removeEventListener('abort', abort);
  }
}

async function connect(
  options: ConnectRedisOptions,
  attempting: (client: Closable) => void,
): Promise<SecfeedRedis> {
  const urls = options.url
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');
  const watch = connectionWatch(options);
  if (urls.length === 1) {
    const client: RedisClientType = createClient({
      url: urls[0],
      ...CONNECTION,
    });
    client.on('error', watch.lost);
    attempting(client);
    await client.connect();
    if (!(await servesCluster(client))) {
      client.on('ready', watch.ready);
      watch.ready();
      return client;
    }
    client.destroy();
  }
  return connectCluster(urls, watch, attempting);
}

async function servesCluster(client: RedisClientType): Promise<boolean> {
  return /^cluster_enabled:1\b/m.test(await client.info('cluster'));
}

async function connectCluster(
  urls: readonly string[],
  watch: ConnectionWatch,
  attempting: (cluster: Closable) => void,
): Promise<RedisClusterType> {
  const cluster: RedisClusterType = createCluster({
    rootNodes: urls.map((url) => ({ url })),
    // The nodes the cluster reports are bare host:port; credentials and TLS come from here.
    defaults: { ...CONNECTION, ...nodeCredentials(urls[0]) },
  });
  const onNodeReady = () => {
    if (isRedisReady(cluster)) watch.ready();
  };
  cluster.on('error', watch.lost);
  // A node's error counts only while the cluster does not serve every slot. After a failover
  // the dead master's old connection can go on failing while the promoted replica serves its
  // slots; that is no outage, and once logged one (a second "lost" after "Reconnected").
  cluster.on('node-error', (err: Error) => {
    if (!isRedisReady(cluster)) watch.lost(err);
  });
  // A node's first `ready` is reported once ('node-ready'); later ones only by its own client.
  cluster.on('node-connect', ({ host, port }: { host: string; port: number }) =>
    cluster.nodeByAddress
      .get(`${host}:${port}`)
      ?.client?.on('ready', onNodeReady),
  );
  attempting(cluster);
  await cluster.connect();
  followClusterFailover(cluster);
  watch.ready();
  return cluster;
}

function nodeCredentials(url: string) {
  const parsed = new URL(url);
  return {
    ...(parsed.username && { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password && { password: decodeURIComponent(parsed.password) }),
    ...(parsed.protocol === 'rediss:' && {
      socket: { ...CONNECTION.socket, tls: true as const },
    }),
  };
}
