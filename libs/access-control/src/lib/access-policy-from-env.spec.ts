import { ConfigError } from '@secfeed/service-runtime';
import { accessPolicyFromEnv } from './access-policy-from-env';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';

describe('accessPolicyFromEnv', () => {
  it('is open by default: no secret, any origin', () => {
    expect(accessPolicyFromEnv({})).toEqual({
      authSecret: undefined,
      allowedOrigins: [],
    });
  });

  it('reads the secret and a comma-separated origin list', () => {
    expect(
      accessPolicyFromEnv({
        GATEWAY_AUTH_SECRET: SECRET,
        GATEWAY_ALLOWED_ORIGINS: ' https://a.example , http://localhost:4200,',
      }),
    ).toEqual({
      authSecret: SECRET,
      allowedOrigins: ['https://a.example', 'http://localhost:4200'],
    });
  });

  it('refuses a short secret and a non-origin, naming the variable', () => {
    expect(() => accessPolicyFromEnv({ GATEWAY_AUTH_SECRET: 'short' })).toThrow(
      ConfigError,
    );
    expect(() => accessPolicyFromEnv({ GATEWAY_AUTH_SECRET: 'short' })).toThrow(
      /GATEWAY_AUTH_SECRET/,
    );
    expect(() =>
      accessPolicyFromEnv({
        GATEWAY_ALLOWED_ORIGINS: 'https://a.example/path',
      }),
    ).toThrow(/GATEWAY_ALLOWED_ORIGINS/);
  });
});
