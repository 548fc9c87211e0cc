import './register-paths';
import type { RedisClusterProcess } from '@secfeed/test-kit';
import { CLUSTER } from './cluster-handle';

/** Kills the suite's cluster and removes its directory (global setup and teardown share a process). */
export default async function globalTeardown(): Promise<void> {
  const cluster = (globalThis as Record<symbol, unknown>)[CLUSTER] as
    RedisClusterProcess | undefined;
  await cluster?.stop();
}
