import { ConfigError } from '@secfeed/service-runtime';
import { loadGatewayConfig } from './gateway-config';

const variableOf = (env: NodeJS.ProcessEnv): string => {
  try {
    loadGatewayConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.variable;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

describe('loadGatewayConfig', () => {
  it('runs on one machine with no configuration, auth and origin checks off', () => {
    expect(loadGatewayConfig({ GATEWAY_STATIC_DIR: '/srv/none' })).toEqual({
      port: 9000,
      redisUrl: 'redis://127.0.0.1:6379',
      keyPrefix: '',
      logLevel: 'info',
      authSecret: undefined,
      allowedOrigins: [],
      maxConnections: 20_000,
      maxConnectionsPerIp: 1000,
      sendBufferBytes: 1 << 20,
      maxPayloadBytes: 16 * 1024,
      pingIntervalMs: 25_000,
      pongTimeoutMs: 10_000,
      messageRate: 10,
      retentionMs: 7 * 86_400_000,
      staticDir: '/srv/none',
      workers: 1,
      alertsUrl: 'http://127.0.0.1:9002',
    });
  });

  it('reads the allowed origins as a list and the auth secret', () => {
    const secret = 'x'.repeat(32);
    const config = loadGatewayConfig({
      GATEWAY_ALLOWED_ORIGINS: 'https://app.example.com, http://localhost:4200',
      GATEWAY_AUTH_SECRET: secret,
    });
    expect(config.allowedOrigins).toEqual([
      'https://app.example.com',
      'http://localhost:4200',
    ]);
    expect(config.authSecret).toBe(secret);
  });

  it('takes 0 connections per IP as no cap (a gateway behind a load balancer)', () => {
    expect(
      loadGatewayConfig({ GATEWAY_MAX_CONNECTIONS_PER_IP: '0' })
        .maxConnectionsPerIp,
    ).toBe(0);
  });

  it.each([
    [{ GATEWAY_PORT: '99999' }, 'GATEWAY_PORT'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ GATEWAY_AUTH_SECRET: 'short' }, 'GATEWAY_AUTH_SECRET'],
    [{ GATEWAY_ALLOWED_ORIGINS: 'app.example.com' }, 'GATEWAY_ALLOWED_ORIGINS'],
    [
      { GATEWAY_ALLOWED_ORIGINS: 'https://app.example.com/path' },
      'GATEWAY_ALLOWED_ORIGINS',
    ],
    [{ GATEWAY_MAX_PAYLOAD_BYTES: '10' }, 'GATEWAY_MAX_PAYLOAD_BYTES'],
    [{ GATEWAY_MESSAGE_RATE: '-1' }, 'GATEWAY_MESSAGE_RATE'],
    [
      { GATEWAY_MAX_CONNECTIONS_PER_IP: '-1' },
      'GATEWAY_MAX_CONNECTIONS_PER_IP',
    ],
    [
      { GATEWAY_MAX_CONNECTIONS_PER_IP: 'many' },
      'GATEWAY_MAX_CONNECTIONS_PER_IP',
    ],
    [{ SECFEED_KEY_PREFIX: 'has space' }, 'SECFEED_KEY_PREFIX'],
    [{ LOG_LEVEL: 'chatty' }, 'LOG_LEVEL'],
    // The range ingest accepts for the same variable (dedup's MAX_RETENTION_MS).
    [{ SECFEED_RETENTION_DAYS: '0' }, 'SECFEED_RETENTION_DAYS'],
    [{ SECFEED_RETENTION_DAYS: '1e-9' }, 'SECFEED_RETENTION_DAYS'],
    [{ SECFEED_RETENTION_DAYS: '36501' }, 'SECFEED_RETENTION_DAYS'],
    [{ SECFEED_RETENTION_DAYS: '1e300' }, 'SECFEED_RETENTION_DAYS'],
    [{ GATEWAY_ALERTS_URL: 'ftp://alerts:21' }, 'GATEWAY_ALERTS_URL'],
    [{ GATEWAY_ALERTS_URL: 'not a url' }, 'GATEWAY_ALERTS_URL'],
    [{ GATEWAY_ALERTS_URL: 'http://u:p@alerts:9002' }, 'GATEWAY_ALERTS_URL'],
    [{ GATEWAY_ALERTS_URL: 'http://alerts:9002/api' }, 'GATEWAY_ALERTS_URL'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(variableOf(env)).toBe(variable);
  });

  it('reads SECFEED_RETENTION_DAYS in whole milliseconds, up to 100 years', () => {
    const retention = (days: string) =>
      loadGatewayConfig({ SECFEED_RETENTION_DAYS: days }).retentionMs;
    expect(retention('0.5')).toBe(43_200_000);
    expect(retention('0.00003')).toBe(2592);
    expect(retention('36500')).toBe(36_500 * 86_400_000);
  });

  it('reads GATEWAY_ALERTS_URL as an origin', () => {
    expect(
      loadGatewayConfig({ GATEWAY_ALERTS_URL: 'https://alerts.internal:8443/' })
        .alertsUrl,
    ).toBe('https://alerts.internal:8443');
  });
});
