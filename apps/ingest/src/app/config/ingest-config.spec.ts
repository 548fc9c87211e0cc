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

  it('runs several sources at once from a comma-separated INGEST_SOURCE', () => {
    const config = loadIngestConfig({
      INGEST_SOURCE: 'sec-api, edgar',
      SEC_API_KEY: 'k1',
      SEC_USER_AGENT: 'Acme Research ops@acme.example',
    });
    expect(config.sources).toEqual(['sec-api', 'edgar']);
    expect(config.source).toBe('sec-api');
    expect(loadIngestConfig({}).sources).toEqual(['replay']);
  });

  it.each([
    ['sec-api,ftp', '"ftp"'],
    ['edgar,edgar', 'names "edgar" twice'],
    ['sec-api,', 'got ""'],
  ])('refuses INGEST_SOURCE=%s naming the variable', (value, problem) => {
    const err = configError({
      INGEST_SOURCE: value,
      SEC_API_KEY: 'k1',
      SEC_USER_AGENT: 'Acme Research ops@acme.example',
    });
    expect(err.variable).toBe('INGEST_SOURCE');
    expect(err.message).toMatch(/^INGEST_SOURCE: /);
    expect(err.message).toContain(problem);
  });

  it('asks for what each listed source needs', () => {
    expect(
      configError({
        INGEST_SOURCE: 'edgar,sec-api',
        SEC_USER_AGENT: 'Acme Research ops@acme.example',
      }).variable,
    ).toBe('SEC_API_KEY');
    expect(
      configError({ INGEST_SOURCE: 'sec-api,edgar', SEC_API_KEY: 'k1' })
        .variable,
    ).toBe('SEC_USER_AGENT');
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

  describe('insights', () => {
    const UA = 'Secfeed Ops ops@secfeed.example';

    it('are off with no configuration: nothing goes to sec.gov undeclared', () => {
      expect(loadIngestConfig({})).toMatchObject({
        insightsEnabled: false,
        edgarArchivesUrl: 'https://www.sec.gov',
        edgarRequestsPerSecond: 8,
      });
    });

    it('are on by default once a user agent is declared, sent on every archive request', () => {
      expect(loadIngestConfig({ SEC_USER_AGENT: UA })).toMatchObject({
        insightsEnabled: true,
        archivesUserAgent: UA,
      });
    });

    it('are on by default for a local archive, with a local user agent when none is set', () => {
      for (const url of ['http://127.0.0.1:9010', 'http://localhost:1/x']) {
        const config = loadIngestConfig({ EDGAR_ARCHIVES_URL: url });
        expect(config.insightsEnabled).toBe(true);
        expect(config.archivesUserAgent).toMatch(/@/);
      }
    });

    it('may be switched off or on, and need a declared user agent for a remote archive', () => {
      expect(
        loadIngestConfig({ SEC_USER_AGENT: UA, INSIGHTS_ENABLED: 'false' })
          .insightsEnabled,
      ).toBe(false);
      expect(configError({ INSIGHTS_ENABLED: 'true' }).variable).toBe(
        'SEC_USER_AGENT',
      );
      expect(configError({ SEC_USER_AGENT: 'curl/8' }).variable).toBe(
        'SEC_USER_AGENT',
      );
      expect(configError({ INSIGHTS_ENABLED: 'maybe' }).variable).toBe(
        'INSIGHTS_ENABLED',
      );
      expect(
        loadIngestConfig({
          INSIGHTS_ENABLED: 'true',
          EDGAR_ARCHIVES_URL: 'http://127.0.0.1:1',
        }).insightsEnabled,
      ).toBe(true);
    });

    it.each([
      [{ EDGAR_ARCHIVES_URL: 'ftp://x' }, 'EDGAR_ARCHIVES_URL'],
      [{ EDGAR_REQUESTS_PER_SECOND: '0' }, 'EDGAR_REQUESTS_PER_SECOND'],
      [{ EDGAR_REQUESTS_PER_SECOND: '10' }, 'EDGAR_REQUESTS_PER_SECOND'],
      [{ EDGAR_REQUESTS_PER_SECOND: 'fast' }, 'EDGAR_REQUESTS_PER_SECOND'],
    ])('refuses %j naming %s', (env, variable) => {
      expect(configError(env).variable).toBe(variable);
    });

    it('takes a fractional budget', () => {
      expect(
        loadIngestConfig({ EDGAR_REQUESTS_PER_SECOND: '2.5' })
          .edgarRequestsPerSecond,
      ).toBe(2.5);
    });
  });

  describe('the ticker map', () => {
    const UA = 'Secfeed Ops ops@secfeed.example';
    const SEC = 'https://www.sec.gov/files/company_tickers_exchange.json';

    it('is the shipped copy, not refreshed, with no configuration (nothing goes to sec.gov undeclared)', () => {
      const config = loadIngestConfig({});
      expect(config.tickerFile).toMatch(
        /data\/edgar\/company-tickers-exchange\.json$/,
      );
      expect(existsSync(config.tickerFile)).toBe(true);
      expect(config).toMatchObject({
        tickersUrl: SEC,
        tickersRefreshEnabled: false,
      });
    });

    it('is refreshed from the SEC with the declared user agent when the insights reach EDGAR', () => {
      expect(loadIngestConfig({ SEC_USER_AGENT: UA })).toMatchObject({
        tickersUrl: SEC,
        tickersRefreshEnabled: true,
        tickersUserAgent: UA,
      });
    });

    it('is not refreshed from the SEC when the insights are off or read a local stand-in', () => {
      expect(
        loadIngestConfig({ SEC_USER_AGENT: UA, INSIGHTS_ENABLED: 'false' })
          .tickersRefreshEnabled,
      ).toBe(false);
      expect(
        loadIngestConfig({
          SEC_USER_AGENT: UA,
          EDGAR_ARCHIVES_URL: 'http://127.0.0.1:9010',
        }).tickersRefreshEnabled,
      ).toBe(false);
      expect(
        loadIngestConfig({ EDGAR_ARCHIVES_URL: 'http://127.0.0.1:9010' })
          .tickersRefreshEnabled,
      ).toBe(false);
    });

    it('is refreshed from a local stand-in by default, with a local user agent when none is set', () => {
      const config = loadIngestConfig({
        EDGAR_TICKERS_URL: 'http://127.0.0.1:9010/files/t.json',
      });
      expect(config.tickersRefreshEnabled).toBe(true);
      expect(config.tickersUserAgent).toMatch(/@/);
    });

    it('may be switched, and needs a declared user agent for a remote URL', () => {
      expect(
        loadIngestConfig({
          SEC_USER_AGENT: UA,
          TICKERS_REFRESH_ENABLED: 'false',
        }).tickersRefreshEnabled,
      ).toBe(false);
      expect(
        loadIngestConfig({
          SEC_USER_AGENT: UA,
          INSIGHTS_ENABLED: 'false',
          TICKERS_REFRESH_ENABLED: 'true',
        }).tickersRefreshEnabled,
      ).toBe(true);
      expect(configError({ TICKERS_REFRESH_ENABLED: 'true' }).variable).toBe(
        'SEC_USER_AGENT',
      );
      expect(configError({ TICKERS_REFRESH_ENABLED: 'often' }).variable).toBe(
        'TICKERS_REFRESH_ENABLED',
      );
      expect(configError({ EDGAR_TICKERS_URL: 'ftp://x' }).variable).toBe(
        'EDGAR_TICKERS_URL',
      );
    });
  });
});
