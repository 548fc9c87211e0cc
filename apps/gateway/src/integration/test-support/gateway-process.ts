// The built gateway as an operator runs it (`node dist/apps/gateway/main.js`, environment only),
// optionally under a low `ulimit -n`, for the specs that must see whether the process survives.
import { waitUntil } from '@secfeed/test-kit';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The build under test; `SECFEED_GATEWAY_MAIN` points the specs at another one (an older build). */
const MAIN =
  process.env['SECFEED_GATEWAY_MAIN'] ??
  join(__dirname, '../../../../../dist/apps/gateway/main.js');

export interface GatewayProcess {
  readonly pid: number;
  /** Its JSON log lines, parsed, in order. */
  readonly logs: Array<Record<string, unknown>>;
  /** Resolves with the exit code, or the signal's name. */
  readonly exited: Promise<number | string>;
  readonly alive: boolean;
  readonly stderr: string;
  /** `http://127.0.0.1:<port>`, once it logged "Gateway listening". */
  http(): Promise<string>;
  port(): Promise<number>;
  /** Resolves once `/readyz` answers 200 (Redis connected, the reader running). */
  ready(): Promise<void>;
  /** Messages of its log lines, e.g. to look for "Request failed". */
  messages(): string[];
  /** SIGKILL if still running; resolves once it exited. */
  kill(): Promise<void>;
}

/** Starts the built gateway with `env` (plus PATH), under `ulimit -n fdLimit` when given. */
export function startGatewayProcess(
  env: Record<string, string>,
  options: { fdLimit?: number } = {},
): GatewayProcess {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: npx nx build gateway`);
  const child: ChildProcess =
    options.fdLimit === undefined
      ? spawn(process.execPath, [MAIN], { env: withPath(env), cwd: '/' })
      : spawn(
          'bash',
          [
            '-c',
            `ulimit -n ${options.fdLimit} && exec "$0" "$@"`,
            process.execPath,
            MAIN,
          ],
          { env: withPath(env), cwd: '/' },
        );
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines.filter((l) => l.trim())) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  const port = async () => {
    const logged = () =>
      Number(logs.find((l) => l['msg'] === 'Gateway listening')?.['port'] ?? 0);
    await waitUntil(
      () => logged() > 0 || !running(),
      'the gateway to listen',
      20_000,
    );
    if (!running()) throw new Error(`the gateway exited at start: ${stderr}`);
    return logged();
  };
  return {
    pid: child.pid as number,
    logs,
    exited,
    get alive() {
      return running();
    },
    get stderr() {
      return stderr;
    },
    port,
    http: async () => `http://127.0.0.1:${await port()}`,
    ready: async () => {
      const readyz = `http://127.0.0.1:${await port()}/readyz`;
      await waitUntil(
        async () => (await fetch(readyz)).status === 200,
        'the gateway to be ready',
        20_000,
      );
    },
    messages: () => logs.map((l) => String(l['msg'])),
    kill: async () => {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
  };
}

function withPath(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'] ?? '', ...env };
}
