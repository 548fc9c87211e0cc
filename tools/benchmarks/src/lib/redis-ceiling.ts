import type { BenchContext } from './bench-context';
import { runRedisBenchmark } from './redis-benchmark';

export interface RedisCeiling {
  /** The command whose figure is the ceiling. */
  command: string;
  requestsPerSecond: number;
  /** False when this redis-benchmark has no `xadd` test and the explicit XADD form was used. */
  builtinXaddTest: boolean;
  /** The same XADD with 50 commands per round trip (ingest pipelines its publishes). */
  pipelinedCommand: string;
  pipelinedRequestsPerSecond: number;
}

const HOST = ['-h', '127.0.0.1', '-p', '6379'];

/**
 * The raw XADD rate of this Redis: `redis-benchmark -t xadd` where the tool has that test
 * (Redis 7.2+), otherwise an explicit XADD command line on a key of this run.
 */
export async function redisCeiling(
  context: BenchContext,
  keyPrefix: string,
  requests = 100_000,
): Promise<RedisCeiling> {
  const n = String(requests);
  const existedBefore = (await context.redis.exists('mystream')) > 0;
  const builtin = await runRedisBenchmark([
    ...HOST,
    '-t',
    'xadd',
    '-n',
    n,
    '-q',
  ]);
  if (builtin.requestsPerSecond !== undefined && !existedBefore) {
    await context.redis.unlink('mystream'); // where the built-in test writes
  }
  const key = `${keyPrefix}ceiling-xadd`;
  const xadd = ['XADD', key, 'MAXLEN', '~', '100000', '*', 'f', 'v'];
  const explicit =
    builtin.requestsPerSecond === undefined
      ? await runRedisBenchmark([...HOST, '-n', n, '-q', ...xadd])
      : builtin;
  if (explicit.requestsPerSecond === undefined)
    throw new Error(`${explicit.command} printed no requests per second`);
  const pipelined = await runRedisBenchmark([
    ...HOST,
    '-n',
    n,
    '-P',
    '50',
    '-q',
    ...xadd,
  ]);
  return {
    command: explicit.command,
    requestsPerSecond: explicit.requestsPerSecond,
    builtinXaddTest: builtin.requestsPerSecond !== undefined,
    pipelinedCommand: pipelined.command,
    pipelinedRequestsPerSecond: pipelined.requestsPerSecond ?? Number.NaN,
  };
}
