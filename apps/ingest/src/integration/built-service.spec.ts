import { testRedisUrl, uniqueKeyPrefix, waitUntil } from '@secfeed/test-kit';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { StreamProbe } from '../test-support/ingest-harness';

jest.setTimeout(30_000);

const MAIN = join(__dirname, '../../../../dist/apps/ingest/main.js');

/** The built service as an operator runs it: `node dist/apps/ingest/main.js`, configured by env only. */
function run(env: NodeJS.ProcessEnv): {
  child: ChildProcessWithoutNullStreams;
  lines: Array<Record<string, unknown>>;
  stderr: () => string;
} {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env['PATH'], ...env },
    cwd: '/',
  });
  const lines: Array<Record<string, unknown>> = [];
  let buffered = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const part of parts) if (part) lines.push(JSON.parse(part));
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, lines, stderr: () => stderr };
}

const exitOf = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

describe('the built ingest service (dist/apps/ingest/main.js)', () => {
  it('replays the real day with no configuration but a key prefix, serves health, and stops cleanly on SIGTERM', async () => {
    const prefix = uniqueKeyPrefix('built');
    const probe = await StreamProbe.connect(testRedisUrl(), prefix);
    const service = run({
      REDIS_URL: testRedisUrl(),
      SECFEED_KEY_PREFIX: prefix,
      REPLAY_SPEED: '36000',
      INGEST_PORT: '0',
    });
    const exited = exitOf(service.child);
    try {
      await waitUntil(
        () => service.lines.some((l) => l['msg'] === 'Upstream finished'),
        'the replay to finish',
        20_000,
      );
      await waitUntil(
        async () => (await probe.accessions()).length === 4655,
        'the whole day in the stream',
      );
      const port = service.lines.find((l) => l['msg'] === 'Ingest listening')?.[
        'port'
      ];
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ready',
        source: 'replay',
        buffered: 0,
      });
      const metrics = await (
        await fetch(`http://127.0.0.1:${port}/metrics`)
      ).text();
      expect(metrics).toMatch(
        /^secfeed_ingest_filings_published_total\{source="replay"\} 4655$/m,
      );

      const stopAsked = Date.now();
      service.child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(Date.now() - stopAsked).toBeLessThan(10_000);
      expect(service.lines.map((l) => l['msg'])).toEqual(
        expect.arrayContaining([
          'Connected to Redis',
          'SEC Stream Manager started',
          'Shutting down',
          'Stopped',
        ]),
      );
    } finally {
      service.child.kill('SIGKILL');
      await probe.dispose();
    }
  });

  it('refuses to start on bad configuration, naming the variable', async () => {
    const service = run({ INGEST_PORT: 'nine-thousand' });
    expect(await exitOf(service.child)).toBe(2);
    expect(service.stderr()).toMatch(/INGEST_PORT: must be a whole number/);
  });

  it('refuses the EDGAR source without a declared User-Agent', async () => {
    const service = run({ INGEST_SOURCE: 'edgar' });
    expect(await exitOf(service.child)).toBe(2);
    expect(service.stderr()).toMatch(/SEC_USER_AGENT/);
  });
});
