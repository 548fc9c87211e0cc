import { join } from 'node:path';
import {
  builtServiceMain,
  startServiceProcess,
  type LogLine,
  type ServiceExit,
  type ServiceProcess as RunningService,
} from '@secfeed/test-kit';

/** The workspace root (this file is tools/fault-suite/src/test-support/). */
const WORKSPACE = join(__dirname, '../../../..');

export type ServiceName = 'ingest' | 'gateway';

const LISTENING: Record<ServiceName, string> = {
  ingest: 'Ingest listening',
  gateway: 'Gateway listening',
};

/**
 * One built service run as an operator runs it: `node dist/apps/<name>/main.js`, configured by
 * environment only, with what the fault specs read from it: its port, metrics and readiness.
 */
export class ServiceProcess {
  readonly exited: Promise<ServiceExit>;
  private readonly process: RunningService;

  constructor(
    readonly name: ServiceName,
    env: Record<string, string>,
  ) {
    this.process = startServiceProcess({
      main: builtServiceMain(name),
      env,
      cwd: WORKSPACE,
    });
    this.exited = this.process.exited;
  }

  /** Its JSON log lines (what an operator would read), in order. */
  get logs(): readonly LogLine[] {
    return this.process.logs;
  }

  get running(): boolean {
    return this.process.running;
  }

  /** The HTTP port from the service's "... listening" log line. */
  async port(): Promise<number> {
    const line = await this.process.waitForLog(LISTENING[this.name]);
    return Number(line['port']);
  }

  /** Messages of the log lines at `level` (`warn`, `error`...), in order. */
  messages(level?: string): string[] {
    return this.process.messages(level);
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
  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<ServiceExit> {
    return this.process.stop({ signal });
  }
}
