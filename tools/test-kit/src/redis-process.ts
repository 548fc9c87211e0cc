import type { ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killRedisServer, startRedisServer } from './redis-server';
import { reservedPort } from './reserved-port';

/** How far a private Redis's append-only file had got: see {@link RedisProcess.aofMark}. */
export interface AofMark {
  readonly file: string;
  readonly bytes: number;
}

/**
 * A private redis-server with an append-only file, so its data survives a restart.
 *
 * A kill models a Redis process that crashed on a healthy host: it loses nothing it acknowledged.
 * The AOF is written with `appendfsync always`, on tmpfs (`/dev/shm`) where there is one, so an
 * fsync costs nothing. With the default `everysec` on a busy disk Redis postpones its AOF write
 * while the previous second's fsync is still running, yet still answers; a SIGKILL then loses
 * what it had acknowledged, by chance, in about one loaded run in five. A Redis that lost
 * acknowledged writes is made on purpose instead: {@link aofMark} and {@link loseWritesAfter}.
 */
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
  /** Where the AOF ends now: every write acknowledged so far is before it (the server is up). */
  aofMark(): AofMark;
  /**
   * Cuts the AOF back to `mark` (the server must be down): the next start loads Redis as it
   * was then, without what it acknowledged after: a restart that lost the tail of its AOF.
   */
  loseWritesAfter(mark: AofMark): void;
  /** Kills the server and removes its data directory. */
  dispose(): Promise<void>;
}

export async function createRedisProcess(): Promise<RedisProcess> {
  const port = await reservedPort();
  const dir = mkdtempSync(join(memoryBackedTmp(), 'secfeed-redis-'));
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
        '--appendfsync',
        'always',
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
    aofMark: () => {
      const file = incrAof(dir);
      return { file, bytes: statSync(file).size };
    },
    loseWritesAfter: (mark) => {
      if (child) throw new Error('loseWritesAfter() needs the server down');
      if (incrAof(dir) !== mark.file)
        throw new Error('the AOF was rewritten since the mark');
      truncateSync(mark.file, mark.bytes);
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

/** `/dev/shm` (tmpfs) where there is one, else the system's temporary directory. */
function memoryBackedTmp(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

/** The incremental AOF file Redis appends to: the last one its manifest names. */
function incrAof(dir: string): string {
  const aofDir = join(dir, 'appendonlydir');
  const manifest = readdirSync(aofDir).find((f) => f.endsWith('.manifest'));
  if (!manifest) throw new Error(`no AOF manifest in ${aofDir}`);
  const incr = readFileSync(join(aofDir, manifest), 'utf8')
    .split('\n')
    .map((line) => /^file (\S+) seq \d+ type i$/.exec(line.trim())?.[1])
    .filter((name): name is string => name !== undefined);
  if (incr.length === 0) throw new Error(`no incremental AOF in ${manifest}`);
  return join(aofDir, incr[incr.length - 1]);
}
