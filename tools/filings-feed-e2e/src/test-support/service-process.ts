import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { waitUntil } from '@secfeed/test-kit';

/** The workspace root (this file is tools/filings-feed-e2e/src/test-support/). */
export const WORKSPACE = join(__dirname, '../../../..');

/** One built service (`node dist/apps/<name>/main.js`), its JSON log lines and its exit. */
export interface ServiceProcess {
  readonly name: string;
  readonly child: ChildProcessWithoutNullStreams;
  /** Every JSON line written to stdout so far. */
  readonly lines: ReadonlyArray<Record<string, unknown>>;
  /** Everything written to stderr so far (fatal start errors land here). */
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<number | string>;
}

/**
 * Runs a built service as an operator would: `node dist/apps/<name>/main.js`, environment only,
 * logs parsed line by line (anything that is not JSON is kept as `{ msg: line }`).
 */
export function runService(
  name: 'ingest' | 'gateway',
  env: NodeJS.ProcessEnv,
): ServiceProcess {
  const child = spawn(
    process.execPath,
    [join(WORKSPACE, `dist/apps/${name}/main.js`)],
    { cwd: WORKSPACE, env: { PATH: process.env['PATH'], ...env } },
  );
  const lines: Array<Record<string, unknown>> = [];
  let partial = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    for (const part of parts) {
      if (!part.trim()) continue;
      try {
        lines.push(JSON.parse(part) as Record<string, unknown>);
      } catch {
        lines.push({ msg: part });
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const stop = async (graceMs = 8_000): Promise<number | string> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const hard = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(hard);
      return code;
    }
    return exited;
  };
  return { name, child, lines, stderr: () => stderr, exited, stop };
}

/** The port from the gateway's `Gateway listening` line (logged at `info`). */
export async function listeningPort(
  service: ServiceProcess,
  timeoutMs = 20_000,
): Promise<number> {
  const port = () =>
    Number(
      service.lines.find((line) => line['msg'] === 'Gateway listening')?.[
        'port'
      ] ?? 0,
    );
  let exitedEarly = false;
  void service.exited.then(() => (exitedEarly = true));
  await waitUntil(
    () => port() > 0 || exitedEarly,
    `${service.name} to log "Gateway listening"`,
    timeoutMs,
  );
  if (port() === 0) {
    throw new Error(
      `${service.name} exited before listening: ${service.stderr()}`,
    );
  }
  return port();
}
