import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The built gateway (`node dist/apps/gateway/main.js`) serving the built dashboard. */
export interface GatewayProcess {
  readonly pid: number;
  /** The port it listens on (from its "Gateway listening" log line). */
  readonly port: number;
  alive(): boolean;
  /** The last lines it wrote (JSON log lines, stderr too). */
  output(): string[];
  /** Log lines at level warn or above (pino levels 40+), all of them. */
  warnings(): string[];
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL now, synchronously (for process exit handlers). */
  kill(): void;
}

export interface GatewayOptions {
  /** Path of the built `main.js`. */
  main: string;
  /** Workspace root (the working directory). */
  cwd: string;
  redisUrl: string;
  keyPrefix: string;
  /** The built dashboard (`dist/apps/filings-feed/browser`). */
  staticDir: string;
  /** Called once the process exists, before it listens: register its cleanup here. */
  onSpawn(gateway: { pid: number; kill(): void }): void;
  timeoutMs?: number;
}

const KEEP_LINES = 50;

/**
 * Starts the built gateway on port 0 and resolves once its "Gateway listening" line names the
 * port. That line is logged at `info`, so the gateway runs with `LOG_LEVEL=info` (the only other
 * `info` lines are start, stop and refused clients; connections are logged at `debug`).
 */
export async function startGateway(
  options: GatewayOptions,
): Promise<GatewayProcess> {
  if (!existsSync(options.main)) {
    throw new Error(
      `${options.main} not found: build it first (npx nx build gateway), or run npm run bench:dashboard`,
    );
  }
  const child = spawn(process.execPath, [options.main], {
    cwd: options.cwd,
    env: {
      ...process.env,
      GATEWAY_PORT: '0',
      REDIS_URL: options.redisUrl,
      SECFEED_KEY_PREFIX: options.keyPrefix,
      GATEWAY_STATIC_DIR: options.staticDir,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('could not start the gateway');
  const pid = child.pid;
  let status: string | undefined;
  const kill = () => {
    if (status === undefined) child.kill('SIGKILL');
  };
  options.onSpawn({ pid, kill });

  const lines: string[] = [];
  const warnings: string[] = [];
  let port = 0;
  let partial = '';
  const onLine = (line: string) => {
    lines.push(line);
    if (lines.length > KEEP_LINES) lines.shift();
    try {
      const record = JSON.parse(line) as Record<string, unknown>;
      if (record['msg'] === 'Gateway listening') port = Number(record['port']);
      const level = record['level'];
      if (
        level === 'warn' ||
        level === 'error' ||
        level === 'fatal' ||
        (typeof level === 'number' && level >= 40)
      )
        warnings.push(line);
    } catch {
      warnings.push(line); // not a log line: a crash trace
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) onLine(part);
  });
  child.stderr.on('data', (chunk: Buffer) => {
    for (const part of chunk.toString('utf8').split('\n'))
      if (part.trim()) onLine(part);
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      status = signal ? `signal ${signal}` : `code ${code}`;
      resolve();
    }),
  );

  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  while (port === 0) {
    if (status !== undefined)
      throw new Error(
        `the gateway exited (${status}): ${lines.slice(-5).join('\n')}`,
      );
    if (Date.now() > deadline)
      throw new Error(
        `the gateway did not log "Gateway listening" in time: ${lines.slice(-5).join('\n')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    pid,
    port,
    alive: () => status === undefined,
    output: () => [...lines],
    warnings: () => [...warnings],
    async stop(graceMs = 8000) {
      if (status !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(kill, graceMs);
      await exited;
      clearTimeout(timer);
    },
    kill,
  };
}
