import './register-paths';
import { createRedisCluster } from '@secfeed/test-kit';
import { CLUSTER } from './cluster-handle';

/**
 * Starts a fresh Redis Cluster of 3 masters and points `REDIS_URL` at one of its nodes: every
 * spec of the suite (and every service it starts) reads it and detects the cluster from there.
 * Jest starts its workers after this, so they inherit the variable.
 */
export default async function globalSetup(): Promise<void> {
  const cluster = await createRedisCluster(3);
  (globalThis as Record<symbol, unknown>)[CLUSTER] = cluster;
  process.env['REDIS_URL'] = cluster.urls[0];
}
