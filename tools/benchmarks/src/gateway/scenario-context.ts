import type { CleanupStack } from '../lib/cleanup-stack';
import type { BenchRedis } from '../lib/redis-helpers';

/** What every scenario of the gateway benchmark shares. */
export interface ScenarioContext {
  redis: BenchRedis;
  redisUrl: string;
  /** Workspace root: the servers run from here. */
  root: string;
  runPrefix: string;
  /** The built gateway to start (a private copy: `lib/gateway-build.ts`). */
  gatewayMain: string;
  cleanup: CleanupStack;
  log(line: string): void;
}
