import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { waitUntil } from '@secfeed/test-kit';

/** The workspace root (this file is tools/fault-suite/src/test-support/). */
const WORKSPACE = join(__dirname, '../../../..');

export type ServiceName = 'ingest' | 'gateway';

const LISTENING: Record<ServiceName, string> = {
  ingest: 'Ingest listening',
  gateway: 'Gateway listening',
};

/**
 * One built service run as an operator runs it: `node dist/apps/<name>/main.js`, configured by
 * environment only. Keeps its JSON log lines (what an operator would read) and its exit.
 */
export class ServiceProcess {
  readonly logs: Array<Record<string, unknown>> = [];
  readonly exited: Promise<number | string>;
  private readonly child: ChildProcessWithoutNullStreams;
  private stderrText = '';

  constructor(
    readonly name: ServiceName,
    env: Record<string, string>,
  ) {
    const main = join(WORKSPACE, `dist/apps/${name}/main.js`);
    if (!existsSync(main))
      throw new Error(
        `${main} is missing: run through Nx (npx nx test fault-suite builds it first)`,
      );
    this.child = spawn(process.execPath, [main], {
      cwd: WORKSPACE,
      env: { PATH: process.env['PATH'] ?? '', ...env },
    });
    let partial = '';
    this.child.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines.filter((l) => l.trim())) {
        try {
          this.logs.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          this.logs.push({ msg: line });
        }
      }
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderrText += chunk.toString();
    });
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
    );
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The HTTP port from the service's "... listening" log line. */
  async port(): Promise<number> {
    const logged = () =>
      Number(
        this.logs.find((l) => l['msg'] === LISTENING[this.name])?.['port'] ?? 0,
      );
    await waitUntil(
      () => logged() > 0 || !this.running,
      `${this.name} to log "${LISTENING[this.name]}"`,
      20_000,
    );
    if (!this.running)
      throw new Error(`${this.name} exited at start: ${this.stderrText}`);
    return logged();
  }

  /** Messages of the log lines at `level` (`warn`, `error`...), in order. */
  messages(level?: string): string[] {
    return this.logs
      .filter((l) => level === undefined || l['level'] === level)
      .map((l) => String(l['msg']));
  }

  /** A sample from `/metrics` (0 when absent), e.g. `metric('secfeed_gateway_closes_total{code="4009"}')`. */
  async metric(sample: string): Promise<number> {
    const text = await (
      await fetch(`http://127.0.0.1:${await this.port()}/metrics`)
    ).text();
    const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
    return line ? Number(line.slice(sample.length + 1)) : 0;
  }

  /** `/readyz`: its status and JSON body. */
  async readiness(): Promise<{
    status: number;
    body: Record<string, unknown>;
  }> {
    const response = await fetch(
      `http://127.0.0.1:${await this.port()}/readyz`,
    );
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
    };
  }

  /** Sends `signal` (SIGTERM: a graceful stop; SIGKILL: a crash) and waits for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | string> {
    if (this.running) this.child.kill(signal);
    const hard = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    const code = await this.exited;
    clearTimeout(hard);
    return code;
  }
}
