import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reservedPort } from './reserved-port';

/**
 * A private redis-server with AOF on (`appendfsync everysec`), on a port outside the kernel's
 * ephemeral range. Why not test-kit's createRedisProcess: its port comes from `listen(0)`, and
 * while a scenario keeps Redis down that port is free for any other test on the machine to take
 * (a cluster suite did, once: ingest then "published" to someone else's server), and for an
 * outgoing connection's own source port. Ports below the ephemeral range are never handed out
 * that way.
 */
export class PrivateRedis {
  readonly url: string;
  private readonly dir = mkdtempSync(join(tmpdir(), 'secfeed-fault-redis-'));
  private child?: ChildProcess;

  private constructor(readonly port: number) {
    this.url = `redis://127.0.0.1:${port}`;
  }

  static async create(): Promise<PrivateRedis> {
    return new PrivateRedis(await reservedPort());
  }

  /** Starts the server on its port and data directory; resolves once it accepts connections. */
  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        ...['--port', String(this.port), '--bind', '127.0.0.1'],
        ...['--save', '', '--appendonly', 'yes', '--dir', this.dir],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const fail = (why: string) => {
        child.kill('SIGKILL');
        reject(new Error(`redis-server on ${this.port} ${why}: ${output}`));
      };
      const timer = setTimeout(() => fail('took over 10 s'), 10_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', () => (clearTimeout(timer), fail('exited')));
    });
  }

  /** SIGKILL: no shutdown, no final AOF rewrite; what is in the AOF file survives. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Deletes the data directory's contents (the server must be down): the next start is empty. */
  wipe(): void {
    if (this.child) throw new Error('wipe() needs the server down');
    for (const name of readdirSync(this.dir))
      rmSync(join(this.dir, name), { recursive: true, force: true });
  }

  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
