import { createClient } from 'redis';
import { CleanupStack } from './cleanup-stack';
import { deleteKeysWithPrefix, type BenchRedis } from './redis-helpers';

/**
 * What every benchmark sets up first: a cleanup stack run on Ctrl-C, SIGTERM and exit (child
 * processes killed even then), and a Redis connection whose run keys (`keyPrefix`) are deleted
 * at the end.
 */
export async function startBenchRun(
  redisUrl: string,
  keyPrefix: string,
  log: (line: string) => void = (line) => console.log(line),
): Promise<{ cleanup: CleanupStack; redis: BenchRedis }> {
  const cleanup = new CleanupStack();
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: cleaning up\n`);
    void cleanup.runAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', () =>
    cleanup.runSyncOnly((what) => what.startsWith('kill ')),
  );

  const redis = createClient({ url: redisUrl });
  redis.on('error', () => undefined); // surfaced by the command that fails
  await redis.connect();
  cleanup.push('quit redis', () => redis.quit());
  cleanup.push('delete keys', async () => {
    const deleted = await deleteKeysWithPrefix(redis, keyPrefix);
    log(`Deleted ${deleted} keys of prefix ${keyPrefix}`);
  });
  return { cleanup, redis };
}

/**
 * Runs a benchmark's `main` and exits with the code it returns (0 when it returns nothing,
 * usually 1 when a target was missed), or with 1 and the stack when it throws.
 */
export function runBenchmark(
  name: string,
  main: () => Promise<number | void>,
): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      console.error(
        `${name} benchmark failed: ${(error as Error)?.stack ?? String(error)}`,
      );
      process.exit(1);
    },
  );
}
