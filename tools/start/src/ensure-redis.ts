import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';

/** The Redis the product will use, and the private server started for it, if any. */
export interface RedisChoice {
  url: string;
  /** Present when no Redis answered and a private one was started; stop it on exit. */
  process?: ChildProcess;
}

/** True when something answers PING with +PONG at host:port within a second. */
export function pingRedis(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/**
 * Uses the Redis at `REDIS_URL` (default 127.0.0.1:6379) when it answers; otherwise starts a
 * private `redis-server` on `privatePort` (nothing on disk) when the binary is installed; else
 * throws with how to get one.
 */
export async function ensureRedis(
  env: NodeJS.ProcessEnv,
  privatePort = 6390,
): Promise<RedisChoice> {
  const url = new URL(env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  if (await pingRedis(url.hostname, Number(url.port || 6379)))
    return { url: url.toString() };
  if (env['REDIS_URL'])
    throw new Error(
      `REDIS_URL ${env['REDIS_URL']} does not answer; start it or unset REDIS_URL`,
    );
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(
      'No Redis answers on 127.0.0.1:6379 and redis-server is not installed.\n' +
        'Install Redis 7 (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis)\n' +
        'or point REDIS_URL at one.',
    );
  }
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(privatePort),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  for (
    let i = 0;
    i < 100 && !(await pingRedis('127.0.0.1', privatePort));
    i++
  ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `redis://127.0.0.1:${privatePort}`, process: child };
}
