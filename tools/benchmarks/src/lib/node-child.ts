import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A Node child process (the gateway, the Socket.IO server, a load generator). */
export interface NodeChild {
  readonly pid: number;
  readonly child: ChildProcess;
  alive(): boolean;
  exitStatus(): string | undefined;
  /** The last lines it wrote (stdout and stderr). */
  output(): string[];
  /** Resolves once it has exited. */
  readonly exited: Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL now, synchronously (for process exit handlers). */
  kill(): void;
}

export interface NodeChildOptions {
  /** `node` arguments: flags, then the script. */
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** Open an IPC channel (`process.send` in the child). */
  ipc?: boolean;
  /** Open files the child needs; when the soft limit is lower, `ulimit -n` raises it. */
  fdLimit?: number;
  onLine?: (line: string) => void;
}

const KEEP_LINES = 50;

/** The soft and hard limits of open files of this process (`/proc/self/limits`). */
export function openFileLimits(): { soft: number; hard: number } {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8');
    const match = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limits);
    const parse = (v: string | undefined) =>
      v === undefined || v === 'unlimited'
        ? Number.POSITIVE_INFINITY
        : Number(v);
    return { soft: parse(match?.[1]), hard: parse(match?.[2]) };
  } catch {
    return { soft: Number.NaN, hard: Number.NaN };
  }
}

/**
 * Starts `node <args>`. When `fdLimit` is above this process's soft `ulimit -n`, the child is
 * started through `bash -c 'ulimit -n <limit> && exec node ...'` (same pid: `exec`), with the
 * limit capped at the hard limit.
 */
export function startNodeChild(options: NodeChildOptions): NodeChild {
  const { soft, hard } = openFileLimits();
  let command = process.execPath;
  let args = options.args;
  if (options.fdLimit !== undefined && soft < options.fdLimit) {
    const limit = Math.min(options.fdLimit, hard);
    command = 'bash';
    args = [
      '-c',
      `ulimit -n ${limit} && exec "$0" "$@"`,
      process.execPath,
      ...options.args,
    ];
  }
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: options.ipc
      ? ['ignore', 'pipe', 'pipe', 'ipc']
      : ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) {
    throw new Error(`could not start node ${options.args.join(' ')}`);
  }
  const pid = child.pid;
  const lines: string[] = [];
  let status: string | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      status = signal ? `signal ${signal}` : `code ${code}`;
      resolve();
    }),
  );
  let partial = '';
  const collect = (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
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
    child,
    exited,
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
