import { startServiceProcess } from '@secfeed/test-kit';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const workspaceRoot = join(__dirname, '../../..');

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
    const service = startServiceProcess({
      main: join(folder, 'main.js'),
      name: app,
      cwd: folder,
      env: { SECFEED_KEY_PREFIX: `test-deploy-${process.pid}:`, ...env },
    });
    try {
      const port = (await service.waitForLog(listening, 15_000))['port'];
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await service.stop()).toBe(0);
    } finally {
      await service.stop({ signal: 'SIGKILL' });
    }
  }, 30_000);
});
