import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killRedisServer, startRedisServer } from './redis-server';
import { reservedPort } from './reserved-port';

/** A private redis-server with an append-only file, so its data survives a restart. */
export interface RedisProcess {
  readonly port: number;
  readonly url: string;
  start(): Promise<void>;
  /** SIGKILL: no shutdown, no final AOF rewrite; what is in the AOF file survives. */
  kill(): Promise<void>;
  /**
   * SIGSTOP: the server hangs. Its connections stay open and accept bytes, and nothing answers
   * (a server swapping, stuck, or cut off without a FIN), until {@link resume}.
   */
  pause(): void;
  /** SIGCONT after {@link pause}. */
  resume(): void;
  /** Deletes the data (the server must be down): the next start is an empty Redis. */
  wipe(): void;
  /** Kills the server and removes its data directory. */
  dispose(): Promise<void>;
}

export async function createRedisProcess(): Promise<RedisProcess> {
  const port = await reservedPort();
  const dir = mkdtempSync(join(tmpdir(), 'secfeed-redis-'));
  let child: ChildProcess | undefined;
  const kill = async () => {
    const current = child;
    child = undefined;
    await killRedisServer(current);
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start: async () => {
      child = await startRedisServer(port, [
        '--save',
        '',
        '--appendonly',
        'yes',
        '--dir',
        dir,
      ]);
    },
    kill,
    pause: () => signal(child, 'SIGSTOP'),
    resume: () => signal(child, 'SIGCONT'),
    wipe: () => {
      if (child) throw new Error('wipe() needs the server down');
      for (const name of readdirSync(dir))
        rmSync(join(dir, name), { recursive: true, force: true });
    },
    dispose: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function signal(child: ChildProcess | undefined, name: NodeJS.Signals): void {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill(name);
}
