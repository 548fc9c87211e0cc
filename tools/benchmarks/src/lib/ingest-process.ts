import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The built ingest service (`node dist/apps/ingest/main.js`) running as a child process. */
export interface IngestProcess {
  readonly pid: number;
  /** True until the process has exited. */
  alive(): boolean;
  /** Exit code or signal once it exited. */
  exitStatus(): string | undefined;
  /** The last lines it wrote (stdout and stderr, JSON log lines). */
  output(): string[];
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL now, synchronously (for process exit handlers). */
  kill(): void;
}

export interface IngestProcessOptions {
  /** Path of the built `main.js`. */
  main: string;
  /** Variables added to this process's environment. */
  env: Record<string, string>;
  /** Called with every line the process writes. */
  onLine?: (line: string) => void;
  /** Extra `node` flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  cwd: string;
}

const KEEP_LINES = 50;

/** Starts the built ingest; throws if it was not built. */
export function startIngestProcess(
  options: IngestProcessOptions,
): IngestProcess {
  if (!existsSync(options.main)) {
    throw new Error(
      `${options.main} not found: build it first (npx nx build ingest), or run npm run bench:ingest`,
    );
  }
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), options.main],
    {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  if (child.pid === undefined) throw new Error('could not start ingest');
  const pid = child.pid;
  const lines: string[] = [];
  let status: string | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      status = signal ? `signal ${signal}` : `code ${code}`;
      resolve();
    }),
  );
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      options.onLine?.(line);
      lines.push(line);
      if (lines.length > KEEP_LINES) lines.shift();
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  return {
    pid,
    alive: () => status === undefined,
    exitStatus: () => status,
    output: () => [...lines],
    async stop(graceMs = 8000) {
      if (status !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    kill() {
      if (status === undefined) child.kill('SIGKILL');
    },
  };
}
