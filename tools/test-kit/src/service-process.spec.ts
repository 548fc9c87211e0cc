import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startServiceProcess,
  type ServiceProcess,
  type ServiceProcessOptions,
} from './service-process';

// Tiny real services: node scripts that log pino-style JSON lines to stdout.
const SCRIPTS = {
  // Logs its environment and folder, a line split over two writes, a stray non-JSON line;
  // stops cleanly on SIGTERM.
  polite: `
    const log = (line) => process.stdout.write(JSON.stringify(line) + '\\n');
    process.on('SIGTERM', () => { log({ level: 30, msg: 'Stopped' }); process.exit(0); });
    log({ level: 30, msg: 'Service listening', port: 4321, env: process.env, cwd: process.cwd() });
    process.stdout.write('{"level":40,"msg":"split ');
    setTimeout(() => process.stdout.write('over two writes"}\\nnot json\\n'), 50);
    setInterval(() => undefined, 1000);
  `,
  // Ignores SIGTERM: only SIGKILL ends it.
  stubborn: `
    process.on('SIGTERM', () => console.log(JSON.stringify({ msg: 'SIGTERM ignored' })));
    console.log(JSON.stringify({ msg: 'Service listening' }));
    setInterval(() => undefined, 1000);
  `,
  // Refuses its configuration, as the services do: stderr and exit code 2.
  refusing: `
    console.error('SERVICE_PORT: must be a whole number');
    process.exit(2);
  `,
  // Logs the limit on open files it runs under.
  limits: `
    const line = require('fs').readFileSync('/proc/self/limits', 'utf8')
      .split('\\n').find((l) => l.startsWith('Max open files'));
    console.log(JSON.stringify({ msg: 'limits', openFiles: Number(line.split(/\\s+/)[3]) }));
  `,
};

describe('startServiceProcess', () => {
  let dir: string;
  const started: ServiceProcess[] = [];
  const start = (
    script: keyof typeof SCRIPTS,
    options: Partial<ServiceProcessOptions> = {},
  ) => {
    const service = startServiceProcess({
      main: join(dir, script, 'main.js'),
      ...options,
    });
    started.push(service);
    return service;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'secfeed-service-process-'));
    for (const [name, source] of Object.entries(SCRIPTS)) {
      const folder = join(dir, name);
      mkdirSync(folder);
      writeFileSync(join(folder, 'main.js'), source);
    }
  });
  afterEach(async () => {
    await Promise.all(
      started.splice(0).map((s) => s.stop({ signal: 'SIGKILL' })),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs with the given environment only (plus PATH), from `/` unless told otherwise', async () => {
    const service = start('polite', { env: { SERVICE_MODE: 'test' } });
    const line = await service.waitForLog('Service listening');
    expect(line['env']).toEqual({
      PATH: process.env['PATH'],
      SERVICE_MODE: 'test',
    });
    expect(line['cwd']).toBe('/');
    expect(service.name).toBe('polite');

    const elsewhere = start('polite', { cwd: dir });
    expect((await elsewhere.waitForLog('Service listening'))['cwd']).toBe(dir);
  });

  it('parses every stdout line, joins a line written in two chunks, keeps text that is not JSON as its msg', async () => {
    const service = start('polite');
    await service.waitForLog('not json');
    expect(service.logs).toEqual([
      expect.objectContaining({ msg: 'Service listening', port: 4321 }),
      { level: 40, msg: 'split over two writes' },
      { msg: 'not json' },
    ]);
    expect(service.messages(40)).toEqual(['split over two writes']);
    expect(service.messages()).toEqual([
      'Service listening',
      'split over two writes',
      'not json',
    ]);
  });

  it('waitForLog takes a predicate, and resolves with a line logged before it was asked', async () => {
    const service = start('polite');
    await service.waitForLog('not json');
    const line = await service.waitForLog((l) => l['level'] === 40);
    expect(line['msg']).toBe('split over two writes');
    expect((await service.waitForLog('Service listening'))['port']).toBe(4321);
  });

  it('waitForLog fails after its timeout, naming what it waited for', async () => {
    const service = start('polite');
    await expect(service.waitForLog('Never logged', 200)).rejects.toThrow(
      'polite did not log "Never logged" in 200 ms',
    );
    expect(service.running).toBe(true);
  });

  it('stop() sends SIGTERM and resolves with the exit code once the last lines are read', async () => {
    const service = start('polite');
    await service.waitForLog('not json');
    expect(await service.stop()).toBe(0);
    expect(service.running).toBe(false);
    expect(service.messages().at(-1)).toBe('Stopped');
    expect(await service.exited).toBe(0);
    expect(await service.stop()).toBe(0);
  });

  it('stop() kills a service that ignores SIGTERM once the grace period is over', async () => {
    const service = start('stubborn');
    await service.waitForLog('Service listening');
    const asked = Date.now();
    expect(await service.stop({ graceMs: 300 })).toBe('SIGKILL');
    expect(Date.now() - asked).toBeGreaterThanOrEqual(300);
    expect(service.messages()).toContain('SIGTERM ignored');
  });

  it('stop({ signal: "SIGKILL" }) is a crash: no grace, no shutdown', async () => {
    const service = start('polite');
    await service.waitForLog('Service listening');
    expect(await service.stop({ signal: 'SIGKILL' })).toBe('SIGKILL');
    expect(service.messages()).not.toContain('Stopped');
  });

  it('reports a refused start: exit code, stderr, and waitForLog rejects with the stderr', async () => {
    const service = start('refusing');
    await expect(service.waitForLog('Service listening')).rejects.toThrow(
      /refusing exited \(2\) before logging "Service listening": SERVICE_PORT: must be a whole number/,
    );
    expect(await service.exited).toBe(2);
    expect(service.stderr).toMatch(/SERVICE_PORT: must be a whole number/);
  });

  it('runs under `ulimit -n fdLimit` when given one', async () => {
    const service = start('limits', { fdLimit: 256 });
    expect((await service.waitForLog('limits'))['openFiles']).toBe(256);
    expect(await service.exited).toBe(0);
  });
});
