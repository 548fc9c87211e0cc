import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, killRedisServer, startRedisServer } from './redis-server';

/** A private redis-server with an append-only file, so its data survives a restart. */
export interface RedisProcess {
  readonly port: number;
  readonly url: string;
  start(): Promise<void>;
  kill(): Promise<void>;
  /** Kills the server and removes its data directory. */
  dispose(): Promise<void>;
}

export async function createRedisProcess(): Promise<RedisProcess> {
  const port = await freePort();
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
    dispose: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
