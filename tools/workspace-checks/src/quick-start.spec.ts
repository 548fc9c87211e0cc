import {
  type ChildProcess,
  execFileSync,
  spawn,
  spawnSync,
} from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  portIsFree,
  reservedPort,
  type TestRedis,
  uniqueKeyPrefix,
  waitUntil,
} from '@secfeed/test-kit';

const workspaceRoot = join(__dirname, '../../..');
const shared = join(workspaceRoot, '../shared');

/** GET `url`: the status and body, or status 0 when nothing answers. */
function fetchText(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = get(url, { timeout: 2000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve({ status: 0, body: '' }));
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve({ status: 0, body: '' }));
  });
}

/** The environment a user's shell would give `npm start`: none of this test run's own settings. */
function userEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env))
    if (!/^(NX_|JEST_|npm_|TS_NODE_|NODE_OPTIONS$|CI$)/.test(name))
      env[name] = value;
  return env;
}

/**
 * The README's quick start, exactly as written, on a fresh clone of what is committed: `npm
 * start` alone installs, builds and runs the product; the gateway becomes ready; the replayed
 * day's filings reach REST; Ctrl-C (SIGINT to the whole process group, as a terminal sends it)
 * stops everything and leaves nothing listening. Ports and the key prefix are the user's to
 * choose, so this run touches nothing of another.
 */
describe('the README quick start on a fresh clone', () => {
  let scratch: string;
  let clone: string;
  let start: ChildProcess | undefined;
  let output = '';
  let redis: TestRedis;
  const prefix = uniqueKeyPrefix('quickstart');

  beforeAll(async () => {
    redis = await connectTestRedis();
    scratch = mkdtempSync(join(tmpdir(), 'secfeed-clone-'));
    clone = join(scratch, 'main');
    execFileSync('git', ['clone', '--quiet', workspaceRoot, clone]);
    // CI's layout: ../shared beside the clone.
    if (existsSync(shared)) symlinkSync(shared, join(scratch, 'shared'));
  });

  afterAll(async () => {
    // The whole group, whether or not npm itself is still there: a service it started may be.
    if (start?.pid !== undefined) {
      try {
        process.kill(-start.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('npm start: ready, a filing on REST, and Ctrl-C leaves nothing listening', async () => {
    const ports = {
      GATEWAY_PORT: await reservedPort(),
      INGEST_PORT: await reservedPort(),
      SIMULATOR_PORT: await reservedPort(),
      ALERTS_PORT: await reservedPort(),
    };
    start = spawn('npm', ['start'], {
      cwd: clone,
      detached: true, // its own process group, which Ctrl-C signals as a whole
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...userEnvironment(),
        SECFEED_KEY_PREFIX: prefix,
        ...Object.fromEntries(
          Object.entries(ports).map(([name, port]) => [name, String(port)]),
        ),
      },
    });
    start.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    start.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) =>
      start?.once('exit', () => resolve()),
    );
    const gateway = `http://127.0.0.1:${ports.GATEWAY_PORT}`;
    const failIfExited = () => {
      if (start?.exitCode !== null || start.signalCode !== null)
        throw new Error(`npm start exited early:\n${output.slice(-4000)}`);
    };

    // npm ci, the builds and the start-up: minutes on a cold clone.
    await waitUntil(
      async () => {
        failIfExited();
        return (await fetchText(`${gateway}/readyz`)).status === 200;
      },
      'the gateway to be ready',
      540_000,
    );
    const banner = `secfeed is ready: open http://localhost:${ports.GATEWAY_PORT}`;
    await waitUntil(() => output.includes(banner), 'the ready banner', 10_000);
    expect(output).not.toMatch(/Falling back to ts-node/);

    let accessionNo: string | undefined;
    await waitUntil(
      async () => {
        const { status, body } = await fetchText(
          `${gateway}/api/filings?limit=1`,
        );
        if (status !== 200) return false;
        accessionNo = (
          JSON.parse(body) as { filings: { accessionNo: string }[] }
        ).filings[0]?.accessionNo;
        return accessionNo !== undefined;
      },
      'a replayed filing on REST',
      90_000,
    );
    expect(accessionNo).toMatch(/^\d{10}-\d{2}-\d{6}$/);
    // The replay wrote under the chosen prefix only.
    expect((await redis.keys(`${prefix}*`)).length).toBeGreaterThan(0);

    process.kill(-(start.pid as number), 'SIGINT');
    await Promise.race([
      exited,
      new Promise((_, reject) =>
        setTimeout(
          () => reject(new Error('npm start did not stop within 30 s')),
          30_000,
        ),
      ),
    ]);
    for (const port of Object.values(ports))
      expect(await portIsFree(port)).toBe(true);
    // No process of the group is left. Each process got the Ctrl-C itself, and npm may return
    // before the services have finished stopping (closing Redis): they get the start tool's own
    // deadline (12 s) and a little more, not a second.
    const group = start.pid as number;
    await waitUntil(
      () => {
        try {
          process.kill(-group, 0);
          return false;
        } catch (err) {
          return (err as NodeJS.ErrnoException).code === 'ESRCH';
        }
      },
      'every process of npm start to exit',
      15_000,
    ).catch((err: Error) => {
      // Say which processes were left.
      const left = spawnSync('pgrep', ['-a', '-g', String(group)]);
      throw new Error(`${err.message}; left:\n${left.stdout.toString()}`);
    });
  }, 720_000);
});
