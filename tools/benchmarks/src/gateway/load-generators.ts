import { join } from 'node:path';
import type { CleanupStack } from '../lib/cleanup-stack';
import type {
  ClientKind,
  GeneratorReport,
  GeneratorToParent,
  ParentToGenerator,
} from './generator-protocol';
import { startNodeChild, type NodeChild } from '../lib/node-child';

/** Node flags that run a TypeScript file of this project, as the Nx targets do. */
export const TS_NODE_ARGS = [
  '-r',
  'ts-node/register/transpile-only',
  '-r',
  'tsconfig-paths/register',
];

/** One load-generator child process, driven over IPC. */
export class LoadGenerator {
  private readonly waiters = new Map<
    string,
    Array<(message: GeneratorToParent) => void>
  >();

  private constructor(readonly proc: NodeChild) {
    proc.child.on('message', (message: GeneratorToParent) => {
      const queue = this.waiters.get(message.type);
      queue?.shift()?.(message);
    });
  }

  static async start(options: {
    root: string;
    kind: ClientKind;
    url: string;
    clients: number;
    cleanup: CleanupStack;
  }): Promise<LoadGenerator> {
    const child = startNodeChild({
      args: [...TS_NODE_ARGS, join(__dirname, 'load-generator.ts')],
      env: {
        BENCH_GEN_KIND: options.kind,
        BENCH_GEN_URL: options.url,
        TS_NODE_PROJECT: join(options.root, 'tools/benchmarks/tsconfig.json'),
      },
      cwd: options.root,
      ipc: true,
      fdLimit: options.clients + 256,
      onLine: (line) => process.stderr.write(`  [load generator] ${line}\n`),
    });
    options.cleanup.push(`kill load generator ${child.pid}`, () =>
      child.kill(),
    );
    const generator = new LoadGenerator(child);
    await generator.next('ready', 60_000);
    return generator;
  }

  private next<T extends GeneratorToParent['type']>(
    type: T,
    timeoutMs: number,
  ): Promise<Extract<GeneratorToParent, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `load generator ${this.proc.pid}: no "${type}" within ${timeoutMs} ms ` +
                `(${this.proc.exitStatus() ?? 'running'}; ${this.proc.output().slice(-3).join(' | ')})`,
            ),
          ),
        timeoutMs,
      );
      const queue = this.waiters.get(type) ?? [];
      queue.push((message) => {
        clearTimeout(timer);
        resolve(message as Extract<GeneratorToParent, { type: T }>);
      });
      this.waiters.set(type, queue);
    });
  }

  private send(message: ParentToGenerator): void {
    if (this.proc.alive()) this.proc.child.send(message);
  }

  connect(count: number, batch: number, timeoutMs: number) {
    const reply = this.next('connected', timeoutMs);
    this.send({ cmd: 'connect', count, batch });
    return reply;
  }

  /** Counts so far; a generous timeout: on a loaded machine a generator may wait long for a core. */
  progress() {
    const reply = this.next('progress', 120_000);
    this.send({ cmd: 'progress' });
    return reply;
  }

  report(): Promise<GeneratorReport> {
    const reply = this.next('report', 60_000);
    this.send({ cmd: 'report' });
    return reply;
  }

  async close(): Promise<void> {
    this.send({ cmd: 'close' });
    const timer = setTimeout(() => this.proc.kill(), 5000);
    await this.proc.exited;
    clearTimeout(timer);
  }
}
