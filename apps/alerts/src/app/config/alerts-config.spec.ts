import { ConfigError } from '@secfeed/service-runtime';
import { loadAlertsConfig } from './alerts-config';

describe('loadAlertsConfig', () => {
  it('runs with no configuration: port 9002, the public channel endpoints, 2 h / 60 attempts', () => {
    const config = loadAlertsConfig({});
    expect(config.port).toBe(9002);
    expect(config.access).toEqual({
      authSecret: undefined,
      allowedOrigins: [],
    });
    expect(config.delivery.endpoints.telegram).toBe('https://api.telegram.org');
    expect(config.delivery.maxAgeMs).toBe(7_200_000);
    expect(config.delivery.maxAttempts).toBe(60);
    expect(config.groupStart).toBe('$');
  });

  it('reads the gateway auth variables and the channel overrides', () => {
    const config = loadAlertsConfig({
      ALERTS_PORT: '0',
      GATEWAY_AUTH_SECRET: 'a-secret-of-at-least-thirty-two-characters',
      TELEGRAM_API_URL: 'http://127.0.0.1:5000',
      ALERTS_RETRY_BASE_MS: '5',
      ALERTS_RETRY_MAX_MS: '50',
    });
    expect(config.access.authSecret).toMatch(/^a-secret/);
    expect(config.delivery.endpoints.telegram).toBe('http://127.0.0.1:5000');
    expect(config.delivery.retryMaxMs).toBe(50);
  });

  it.each([
    [{ ALERTS_PORT: 'x' }, 'ALERTS_PORT'],
    [{ GATEWAY_AUTH_SECRET: 'short' }, 'GATEWAY_AUTH_SECRET'],
    [{ ALERTS_SLACK_URL: 'ftp://x' }, 'ALERTS_SLACK_URL'],
    [
      { ALERTS_RETRY_BASE_MS: '100', ALERTS_RETRY_MAX_MS: '10' },
      'ALERTS_RETRY_MAX_MS',
    ],
    [{ ALERTS_TIMEOUT_MS: '20000' }, 'ALERTS_TIMEOUT_MS'],
    [{ ALERTS_GROUP_START: '5' }, 'ALERTS_GROUP_START'],
    [{ SECFEED_KEY_PREFIX: 'a{b' }, 'SECFEED_KEY_PREFIX'],
  ])('refuses %p naming %s', (env, name) => {
    expect(() => loadAlertsConfig(env)).toThrow(ConfigError);
    expect(() => loadAlertsConfig(env)).toThrow(name);
  });
});
