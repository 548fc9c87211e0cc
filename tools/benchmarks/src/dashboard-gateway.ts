import { existsSync } from 'node:fs';
import { startNodeChild } from './lib/node-child';

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
  const warnings: string[] = [];
  let port = 0;
  const child = startNodeChild({
    args: [options.main],
    cwd: options.cwd,
    env: {
      GATEWAY_PORT: '0',
      REDIS_URL: options.redisUrl,
      SECFEED_KEY_PREFIX: options.keyPrefix,
      GATEWAY_STATIC_DIR: options.staticDir,
      LOG_LEVEL: 'info',
    },
    onLine: (line) => {
      try {
        const record = JSON.parse(line) as Record<string, unknown>;
        if (record['msg'] === 'Gateway listening')
          port = Number(record['port']);
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
    },
  });
  options.onSpawn(child);

  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  const lastLines = () => child.output().slice(-5).join('\n');
  while (port === 0) {
    if (!child.alive())
      throw new Error(
        `the gateway exited (${child.exitStatus()}): ${lastLines()}`,
      );
    if (Date.now() > deadline)
      throw new Error(
        `the gateway did not log "Gateway listening" in time: ${lastLines()}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    pid: child.pid,
    port,
    alive: child.alive,
    output: child.output,
    warnings: () => [...warnings],
    stop: child.stop,
    kill: child.kill,
  };
}
