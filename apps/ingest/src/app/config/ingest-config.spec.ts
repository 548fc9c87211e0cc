import { ConfigError } from '@secfeed/service-runtime';
import { existsSync } from 'node:fs';
import { loadIngestConfig } from './ingest-config';

const configError = (env: NodeJS.ProcessEnv): ConfigError => {
  try {
    loadIngestConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('loadIngestConfig', () => {
  it('runs with no configuration: the replayed real day into the local Redis', () => {
    const config = loadIngestConfig({});
    expect(config).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      keyPrefix: '',
      source: 'replay',
      replaySpeed: 60,
      port: 9001,
      streamEnabled: true,
      logLevel: 'info',
      bufferSize: 10_000,
      retentionMs: 7 * 86_400_000,
    });
    expect(existsSync(config.replayFile)).toBe(true);
    expect(existsSync(config.tickerFile)).toBe(true);
  });

  it('uses the sec-api stream when a key is set, under either name', () => {
    expect(loadIngestConfig({ SEC_API_KEY: 'k1' })).toMatchObject({
      source: 'sec-api',
      secApiKey: 'k1',
    });
    expect(loadIngestConfig({ SEC_API_IO: 'k2' })).toMatchObject({
      source: 'sec-api',
      secApiKey: 'k2',
    });
    expect(
      loadIngestConfig({ SEC_API_KEY: 'k1', INGEST_SOURCE: 'replay' }).source,
    ).toBe('replay');
  });

  it.each([
    [{ INGEST_SOURCE: 'sec-api' }, 'SEC_API_KEY'],
    [{ INGEST_SOURCE: 'edgar' }, 'SEC_USER_AGENT'],
    [{ INGEST_SOURCE: 'edgar', SEC_USER_AGENT: 'curl/8' }, 'SEC_USER_AGENT'],
    [{ INGEST_SOURCE: 'ftp' }, 'INGEST_SOURCE'],
    [{ REDIS_URL: 'http://localhost' }, 'REDIS_URL'],
    [{ SEC_STREAM_URL: 'https://stream.sec-api.io' }, 'SEC_STREAM_URL'],
    [{ INGEST_PORT: '-1' }, 'INGEST_PORT'],
    [{ REPLAY_SPEED: 'fast' }, 'REPLAY_SPEED'],
    [{ STREAM_ENABLED: 'sometimes' }, 'STREAM_ENABLED'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SECFEED_KEY_PREFIX: 'a{b}' }, 'SECFEED_KEY_PREFIX'],
    [{ INGEST_BUFFER_SIZE: '0' }, 'INGEST_BUFFER_SIZE'],
    [{ SECFEED_RETENTION_DAYS: '0' }, 'SECFEED_RETENTION_DAYS'],
    [{ SECFEED_RETENTION_DAYS: '1e-9' }, 'SECFEED_RETENTION_DAYS'],
    [{ SECFEED_RETENTION_DAYS: '36501' }, 'SECFEED_RETENTION_DAYS'],
  ])('refuses %j naming %s', (env, variable) => {
    const err = configError(env);
    expect(err.variable).toBe(variable);
    expect(err.message.startsWith(`${variable}: `)).toBe(true);
  });

  it('takes a retention in days, fractions included, as whole milliseconds', () => {
    expect(
      loadIngestConfig({ SECFEED_RETENTION_DAYS: '0.5' }).retentionMs,
    ).toBe(43_200_000);
    // A few seconds, for tests of the retention on a running service.
    expect(
      loadIngestConfig({ SECFEED_RETENTION_DAYS: '0.00003' }).retentionMs,
    ).toBe(2592);
  });

  it('accepts EDGAR with a declared user agent', () => {
    const config = loadIngestConfig({
      INGEST_SOURCE: 'edgar',
      SEC_USER_AGENT: 'Secfeed Ops ops@secfeed.example',
    });
    expect(config).toMatchObject({
      source: 'edgar',
      userAgent: 'Secfeed Ops ops@secfeed.example',
    });
  });

  it('needs no key or user agent when the stream is switched off', () => {
    expect(
      loadIngestConfig({ INGEST_SOURCE: 'sec-api', STREAM_ENABLED: 'false' })
        .streamEnabled,
    ).toBe(false);
  });
});
