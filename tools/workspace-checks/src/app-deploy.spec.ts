import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const workspaceRoot = join(__dirname, '../../..');

/** Lines a service printed, parsed as its JSON log. */
function jsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

/**
 * Each service deploys on its own: its `dist/apps/<name>` (built by `nx build <name>`, a task
 * dependency of this project's tests) is copied to a folder outside the workspace,
 * `npm install --omit=dev` installs its generated package.json (offline, from the npm cache
 * `npm ci` filled), and `node main.js` runs it, configured by environment only.
 */
describe.each([
  ['ingest', { STREAM_ENABLED: 'false', INGEST_PORT: '0' }, 'Ingest listening'],
  ['gateway', { GATEWAY_PORT: '0' }, 'Gateway listening'],
])('%s deployed from dist on its own', (app, env, listening) => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), `secfeed-deploy-${app}-`));
    cpSync(join(workspaceRoot, 'dist/apps', app), folder, { recursive: true });
    execFileSync(
      'npm',
      [
        'install',
        '--omit=dev',
        '--offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
      ],
      {
        cwd: folder,
        stdio: 'pipe',
      },
    );
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('starts with node main.js, answers /healthz, and stops on SIGTERM with exit code 0', async () => {
    const child = spawn(process.execPath, ['main.js'], {
      cwd: folder,
      env: {
        PATH: process.env['PATH'],
        SECFEED_KEY_PREFIX: `test-deploy-${process.pid}:`,
        ...env,
      },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    try {
      const deadline = Date.now() + 15_000;
      let port: unknown;
      while (
        !(port = jsonLines(out).find((l) => l['msg'] === listening)?.['port'])
      ) {
        if (Date.now() > deadline)
          throw new Error(`${app} did not start:\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});
