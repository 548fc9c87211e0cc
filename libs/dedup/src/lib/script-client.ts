import type { RedisClientType, RedisClusterType } from 'redis';

/** Keys and arguments of one script call, the shape node-redis takes for `EVAL`/`EVALSHA`. */
export interface ScriptCall {
  keys: string[];
  arguments: string[];
}

/**
 * The two node-redis methods the publisher uses. Both `RedisClientType` (`createClient`) and
 * `RedisClusterType` (`createCluster`) have them; the cluster client routes a call by its first
 * key, and every key of a call shares one hash tag, so one node runs the whole script.
 */
export interface ScriptClient {
  evalSha(sha1: string, options: ScriptCall): Promise<unknown>;
  eval(script: string, options: ScriptCall): Promise<unknown>;
}

// Compile-time proof that both node-redis clients fit, so a node-redis upgrade that changes
// these signatures breaks the build here rather than in ingest.
type Fits<T extends ScriptClient> = T;
export type NodeRedisClients = [Fits<RedisClientType>, Fits<RedisClusterType>];
