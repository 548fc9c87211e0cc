import {
  builtServiceMain,
  startServiceProcess,
  testRedisUrl,
  uniqueKeyPrefix,
  waitUntil,
  type ServiceProcess,
} from '@secfeed/test-kit';
import { StreamProbe } from '../test-support/ingest-harness';

jest.setTimeout(30_000);

/** The built service as an operator runs it: `node dist/apps/ingest/main.js`, configured by env only. */
const run = (env: NodeJS.ProcessEnv): ServiceProcess =>
  startServiceProcess({ main: builtServiceMain('ingest'), env });

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
    try {
      await service.waitForLog('Upstream finished', 20_000);
      await waitUntil(
        async () => (await probe.accessions()).length === 4655,
        'the whole day in the stream',
      );
      const port = (await service.waitForLog('Ingest listening'))['port'];
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
      expect(await service.stop()).toBe(0);
      expect(Date.now() - stopAsked).toBeLessThan(10_000);
      expect(service.messages()).toEqual(
        expect.arrayContaining([
          'Connected to Redis',
          'SEC Stream Manager started',
          'Shutting down',
          'Stopped',
        ]),
      );
    } finally {
      await service.stop({ signal: 'SIGKILL' });
      await probe.dispose();
    }
  });

  it('refuses to start on bad configuration, naming the variable', async () => {
    const service = run({ INGEST_PORT: 'nine-thousand' });
    expect(await service.exited).toBe(2);
    expect(service.stderr).toMatch(/INGEST_PORT: must be a whole number/);
  });

  it('refuses the EDGAR source without a declared User-Agent', async () => {
    const service = run({ INGEST_SOURCE: 'edgar' });
    expect(await service.exited).toBe(2);
    expect(service.stderr).toMatch(/SEC_USER_AGENT/);
  });
});
