import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvFile } from './load-env-file';

describe('loadEnvFile', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'secfeed-env-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sets unset variables and never overrides one already set', () => {
    const file = join(dir, '.env');
    writeFileSync(
      file,
      'REDIS_URL=redis://from-file:6379\nLOG_LEVEL=debug\n# comment\nQUOTED="a b"\n',
    );
    const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn' };
    expect(loadEnvFile(file, env).sort()).toEqual(['QUOTED', 'REDIS_URL']);
    expect(env).toEqual({
      LOG_LEVEL: 'warn',
      REDIS_URL: 'redis://from-file:6379',
      QUOTED: 'a b',
    });
  });

  it('does nothing without a file', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadEnvFile(join(dir, 'missing.env'), env)).toEqual([]);
    expect(env).toEqual({});
  });
});
