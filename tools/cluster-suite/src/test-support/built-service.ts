import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

/** A built service (`node dist/apps/<name>/main.js`) run as an operator runs it. */
export interface BuiltService {
  readonly child: ChildProcessWithoutNullStreams;
  /** Every JSON log line so far. */
  readonly lines: Array<Record<string, unknown>>;
  /** The first logged value of `field` on a line with message `msg`, if any. */
  logged(msg: string, field?: string): unknown;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

/** Starts `dist/apps/<name>/main.js` with `env` only (plus PATH), from `/`. */
export function startBuiltService(
  name: 'ingest' | 'gateway',
  env: NodeJS.ProcessEnv,
): BuiltService {
  const main = join(__dirname, `../../../../dist/apps/${name}/main.js`);
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env['PATH'], ...env },
    cwd: '/',
  });
  const lines: Array<Record<string, unknown>> = [];
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    for (const part of parts) if (part) lines.push(JSON.parse(part));
  });
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const logged = (msg: string, field?: string) => {
    const line = lines.find((l) => l['msg'] === msg);
    return field === undefined ? line : line?.[field];
  };
  return { child, lines, logged, exited };
}
