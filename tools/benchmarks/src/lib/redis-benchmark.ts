import { execFile } from 'node:child_process';

/** One `redis-benchmark` run. */
export interface RedisBenchmarkRun {
  /** The command line, as a shell would show it. */
  command: string;
  /** Requests per second it reported, or undefined when it reported none (unknown test). */
  requestsPerSecond?: number;
}

/** Runs `redis-benchmark` with `args` and parses the last "N requests per second" it printed. */
export function runRedisBenchmark(
  args: readonly string[],
  timeoutMs = 60_000,
): Promise<RedisBenchmarkRun> {
  const command = ['redis-benchmark', ...args]
    .map((arg) => (/^[\w.:~*/-]+$/.test(arg) ? arg : `'${arg}'`))
    .join(' ');
  return new Promise((resolve, reject) => {
    execFile(
      'redis-benchmark',
      [...args],
      { timeout: timeoutMs, maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${command} failed: ${error.message} ${stderr}`));
          return;
        }
        // -q prints progress lines separated by \r, then "NAME: 123.45 requests per second, ...".
        const matches = [...stdout.matchAll(/([\d.]+) requests per second/g)];
        const last = matches[matches.length - 1];
        resolve({
          command,
          requestsPerSecond: last ? Number(last[1]) : undefined,
        });
      },
    );
  });
}
