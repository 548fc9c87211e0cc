import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { BenchContext } from '../lib/bench-context';
import type { CleanupStack } from '../lib/cleanup-stack';
import { startQueryApiStub } from '../lib/query-api-stub';
import type { BenchRedis } from '../lib/redis-helpers';

/**
 * Starts the Query API stub (stopped by `cleanup`) and gives what every phase shares: the
 * built ingest under `root`, the stub's URL and a fresh simulator key.
 */
export async function startIngestContext(
  root: string,
  redis: BenchRedis,
  redisUrl: string,
  cleanup: CleanupStack,
): Promise<BenchContext> {
  const stub = await startQueryApiStub();
  cleanup.push('query api stub', () => stub.close());
  return {
    redis,
    redisUrl,
    root,
    ingestMain: join(root, 'dist/apps/ingest/main.js'),
    queryApiUrl: `${stub.url}/`,
    apiKey: `bench-${randomBytes(8).toString('hex')}`,
    cleanup,
    log: (line) => console.log(line),
  };
}
