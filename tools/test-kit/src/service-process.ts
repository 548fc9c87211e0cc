import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** One parsed line of a service's JSON log (pino); a line that is not JSON is `{ msg: line }`. */
export type LogLine = Record<string, unknown>;

/** How the process ended: its exit code, or the name of the signal that ended it. */
export type ServiceExit = number | string;

export interface ServiceProcessOptions {
  /** The script node runs, e.g. {@link builtServiceMain}`('gateway')`. */
  readonly main: string;
  /** The whole environment, as an operator would set it; only `PATH` is added. Default `{}`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Working directory. Default `/`, so nothing resolves against the workspace by accident. */
  readonly cwd?: string;
  /** Runs the service under `ulimit -n fdLimit` (through bash). Default: the inherited limit. */
  readonly fdLimit?: number;
  /** Name used in error messages. Default: the script's folder name (`gateway`, `ingest`...). */
  readonly name?: string;
}

export interface StopOptions {
  /** The first signal. Default `SIGTERM` (a graceful stop); `SIGKILL` is a crash. */
  readonly signal?: NodeJS.Signals;
  /** SIGKILL follows after this long if the process is still running. Default 10 s. */
  readonly graceMs?: number;
}

/** A built service running as a child process, its JSON log and its exit. */
export interface ServiceProcess {
  readonly name: string;
  readonly pid: number;
  /** Every log line written to stdout so far, parsed, in order. */
  readonly logs: readonly LogLine[];
  /** Everything written to stderr so far (fatal start errors land there). */
  readonly stderr: string;
  /** True until the process has exited. */
  readonly running: boolean;
  /**
   * Resolves once the process has exited and its output is read (so {@link logs} is complete),
   * with its exit code or the signal's name.
   */
  readonly exited: Promise<ServiceExit>;
  /** Messages of the log lines (at `level` when given: `warn`, `40`...), in order. */
  messages(level?: string | number): string[];
  /**
   * The first log line (already written or still to come) with message `match`, or for which
   * `match` holds. Rejects when the process exits first (with its stderr) or after `timeoutMs`
   * (default 20 s).
   */
  waitForLog(
    match: string | ((line: LogLine) => boolean),
    timeoutMs?: number,
  ): Promise<LogLine>;
  /** Sends `signal` (if still running) and resolves once it exited; SIGKILL after `graceMs`. */
  stop(options?: StopOptions): Promise<ServiceExit>;
}

/** The workspace root (this file is tools/test-kit/src/). */
const WORKSPACE = join(__dirname, '../../..');

/**
 * `dist/apps/<app>/main.js` of this workspace; throws, naming the build command, when it is
 * missing.
 */
export function builtServiceMain(app: string): string {
  const main = join(WORKSPACE, 'dist/apps', app, 'main.js');
  if (!existsSync(main))
    throw new Error(`${main} is missing: npx nx build ${app}`);
  return main;
}

/** Still running at the end of the test process: killed then, whatever the test did. */
const live = new Set<ChildProcess>();
process.once('exit', () => live.forEach((child) => child.kill('SIGKILL')));

/**
 * Runs a built service as an operator runs it: `node <main>`, configured by environment only,
 * and reads its JSON log line by line.
 *
 * @example
 * const gateway = startServiceProcess({ main: builtServiceMain('gateway'), env });
 * const port = Number((await gateway.waitForLog('Gateway listening'))['port']);
 * expect(await gateway.stop()).toBe(0);
 */
export function startServiceProcess(
  options: ServiceProcessOptions,
): ServiceProcess {
  const name = options.name ?? folderName(options.main);
  const child = spawnNode(options);
  live.add(child);
  const logs: LogLine[] = [];
  const onLine = new Set<(line: LogLine) => void>();
  let stderr = '';
  readLines(child, (line) => {
    logs.push(line);
    onLine.forEach((listener) => listener(line));
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<ServiceExit>((resolve) =>
    // 'close', not 'exit': by then stdout is drained and the last lines are in `logs`.
    child.once('close', (code, signal) => {
      live.delete(child);
      resolve(code ?? signal ?? -1);
    }),
  );
  const running = () => child.exitCode === null && child.signalCode === null;

  const waitForLog = (
    match: string | ((line: LogLine) => boolean),
    timeoutMs = 20_000,
  ): Promise<LogLine> => {
    const matches =
      typeof match === 'string' ? (l: LogLine) => l['msg'] === match : match;
    const what = typeof match === 'string' ? `"${match}"` : 'a matching line';
    const found = logs.find(matches);
    if (found) return Promise.resolve(found);
    return new Promise<LogLine>((resolve, reject) => {
      const done = () => {
        onLine.delete(listener);
        clearTimeout(timer);
      };
      const listener = (line: LogLine) => {
        if (!matches(line)) return;
        done();
        resolve(line);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${name} did not log ${what} in ${timeoutMs} ms`));
      }, timeoutMs);
      onLine.add(listener);
      void exited.then((exit) => {
        if (!onLine.has(listener)) return;
        done();
        reject(
          new Error(`${name} exited (${exit}) before logging ${what}: ${stderr}`),
        );
      });
    });
  };

  const stop = async ({
    signal = 'SIGTERM',
    graceMs = 10_000,
  }: StopOptions = {}): Promise<ServiceExit> => {
    if (!running()) return exited;
    child.kill(signal);
    const hard = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const exit = await exited;
    clearTimeout(hard);
    return exit;
  };

  return {
    name,
    pid: child.pid as number,
    logs,
    get stderr() {
      return stderr;
    },
    get running() {
      return running();
    },
    exited,
    messages: (level) =>
      logs
        .filter((l) => level === undefined || l['level'] === level)
        .map((l) => String(l['msg'])),
    waitForLog,
    stop,
  };
}

function spawnNode(options: ServiceProcessOptions): ChildProcess {
  const spawnOptions = {
    cwd: options.cwd ?? '/',
    env: { PATH: process.env['PATH'] ?? '', ...options.env },
  };
  if (options.fdLimit === undefined)
    return spawn(process.execPath, [options.main], spawnOptions);
  // `exec` so that the signals reach node itself, not a shell around it.
  return spawn(
    'bash',
    [
      '-c',
      `ulimit -n ${options.fdLimit} && exec "$0" "$@"`,
      process.execPath,
      options.main,
    ],
    spawnOptions,
  );
}

/** Calls `onLine` with each stdout line, parsed (blank lines skipped), the unended last too. */
function readLines(child: ChildProcess, onLine: (line: LogLine) => void) {
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(parseLine(line));
  });
  child.stdout?.on('end', () => {
    if (partial.trim()) onLine(parseLine(partial));
  });
}

function parseLine(line: string): LogLine {
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed !== null && typeof parsed === 'object')
      return parsed as LogLine;
  } catch {
    // Not JSON (a stray console.log): kept as its text.
  }
  return { msg: line };
}

function folderName(main: string): string {
  const parts = main.split('/');
  return parts.length > 1 ? parts[parts.length - 2] : main;
}
