import type { RedisClientOptions, RedisClusterOptions } from 'redis';
import {
  resolveRetryPolicy,
  type ResolvedRetryPolicy,
  type RetryPolicy,
} from '@secfeed/reconnect-policy';

/** The part of a node-redis v5 client the reader needs: `createClient()` results fit. */
export interface DuplicableRedisClient {
  readonly options?: RedisClientOptions;
  duplicate(overrides?: Partial<RedisClientOptions>): DedicatedConnection;
}

/** The part of the duplicated connection the reader drives. */
export interface DedicatedConnection {
  connect(): Promise<unknown>;
  sendCommand(args: ReadonlyArray<string>): Promise<unknown>;
  destroy(): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** The part of a node-redis v5 cluster client the reader needs: `createCluster()` results fit. */
export interface DuplicableRedisCluster {
  /** Where node-redis keeps a cluster's options (it has no public `options`). */
  readonly _options?: Partial<RedisClusterOptions>;
  /** The masters the cluster knows; only a cluster client has them. */
  readonly masters: ReadonlyArray<unknown>;
  duplicate(
    overrides?: Partial<RedisClusterOptions>,
  ): DedicatedClusterConnection;
}

/** The duplicated cluster client: every command names the key that picks its node. */
export interface DedicatedClusterConnection {
  connect(): Promise<unknown>;
  sendCommand(
    firstKey: string,
    isReadonly: boolean,
    args: string[],
  ): Promise<unknown>;
  destroy(): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** Options of {@link redisStreamReader}. `client` and `key` are required. */
export interface RedisStreamReaderOptions {
  /**
   * A node-redis v5 client or cluster client the caller owns (connected or not). The reader
   * never sends commands on it: it opens its own `client.duplicate()` so blocking reads never
   * stall the caller. From a cluster, the duplicate connects only to the master that owns `key`.
   */
  readonly client: DuplicableRedisClient | DuplicableRedisCluster;
  /** The stream key. */
  readonly key: string;
  /** Read entries after this id: `'$'` (only new ones), `'0'` (all) or an id. Default `'$'`. */
  readonly from?: string;
  /** Entries per XREAD (COUNT), integer >= 1. Default `500`. */
  readonly count?: number;
  /** How long one XREAD blocks waiting for new entries, in ms (integer >= 1). Default `5000`. */
  readonly blockMs?: number;
  /** Backoff between connections. Default {@link DEFAULT_RETRY_POLICY}. */
  readonly retry?: RetryPolicy;
  /** Give up after this many failed connections in a row. Default `Infinity`. */
  readonly maxAttempts?: number;
  /** `CLIENT SETNAME` of the dedicated connection, for `CLIENT LIST`. Default `secfeed-stream-reader`. */
  readonly connectionName?: string;
}

/** {@link RedisStreamReaderOptions} after defaults and validation. */
export type ResolvedStreamReaderOptions = Required<
  Omit<RedisStreamReaderOptions, 'retry'>
> & {
  readonly retry: ResolvedRetryPolicy;
};

/**
 * Applies defaults and validates; throws `TypeError`/`RangeError` naming the option for
 * programmer mistakes.
 */
export function resolveStreamReaderOptions(
  options: RedisStreamReaderOptions,
): ResolvedStreamReaderOptions {
  const resolved = {
    client: options.client,
    key: options.key,
    from: options.from ?? '$',
    count: options.count ?? 500,
    blockMs: options.blockMs ?? 5000,
    retry: resolveRetryPolicy(options.retry),
    maxAttempts: options.maxAttempts ?? Infinity,
    connectionName: options.connectionName ?? 'secfeed-stream-reader',
  };
  check(
    typeof resolved.client?.duplicate === 'function',
    'client',
    'a node-redis v5 client',
  );
  check(
    typeof resolved.key === 'string' && resolved.key !== '',
    'key',
    'a non-empty string',
  );
  check(
    /^(\$|\d+(-\d+)?)$/.test(resolved.from),
    'from',
    "'$', '0' or an entry id",
  );
  check(isPositiveInteger(resolved.count), 'count', 'an integer >= 1');
  check(isPositiveInteger(resolved.blockMs), 'blockMs', 'an integer >= 1');
  const { maxAttempts } = resolved;
  check(
    maxAttempts === Infinity || isPositiveInteger(maxAttempts),
    'maxAttempts',
    'an integer >= 1',
  );
  check(
    /^[!-~]+$/.test(resolved.connectionName),
    'connectionName',
    'printable ASCII without spaces',
  );
  return resolved;
}

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value >= 1;
}

function check(ok: boolean, name: string, expected: string): void {
  if (!ok)
    throw new RangeError(`redisStreamReader: ${name} must be ${expected}`);
}
