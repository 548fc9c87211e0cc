import { checkAccess, type AccessPolicy } from './check-access';
import { signJwt } from './sign-jwt';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const NOW_MS = Date.UTC(2025, 0, 2, 14, 30);
const NOW = NOW_MS / 1000;
const ALLOWED = 'https://app.example.com';

const open: AccessPolicy = { allowedOrigins: [] };
const originsOnly: AccessPolicy = { allowedOrigins: [ALLOWED] };
const authOnly: AccessPolicy = { allowedOrigins: [], authSecret: SECRET };
const both: AccessPolicy = { allowedOrigins: [ALLOWED], authSecret: SECRET };

const request = (headers: Record<string, string> = {}, url = '/api/filings') =>
  ({ url, headers }) as Parameters<typeof checkAccess>[0];
const verdict = (policy: AccessPolicy, headers = {}, url?: string) => {
  const result = checkAccess(request(headers, url), policy, NOW_MS);
  return result.ok
    ? { ok: true }
    : { ok: false, status: result.status, code: result.code };
};

describe('checkAccess', () => {
  it('lets everything through with no origins listed and auth off (the default)', () => {
    expect(
      checkAccess(request({ origin: 'https://any.example' }), open),
    ).toEqual({ ok: true });
  });

  describe('origins', () => {
    it.each([
      ['a listed origin', { origin: ALLOWED }, { ok: true }],
      ['no Origin (not a browser)', {}, { ok: true }],
      [
        'another origin',
        { origin: 'https://evil.example.com' },
        { ok: false, status: 403, code: 'ORIGIN_FORBIDDEN' },
      ],
      [
        'an empty Origin header',
        { origin: '' },
        { ok: false, status: 403, code: 'ORIGIN_FORBIDDEN' },
      ],
      [
        'a listed origin with another port',
        { origin: `${ALLOWED}:8443` },
        { ok: false, status: 403, code: 'ORIGIN_FORBIDDEN' },
      ],
    ])('%s', (_label, headers, expected) => {
      expect(verdict(originsOnly, headers)).toEqual(expected);
    });

    it('names the refused origin in the message', () => {
      const result = checkAccess(
        request({ origin: 'https://evil.example.com' }),
        originsOnly,
      );
      expect(result).toMatchObject({
        message: 'the origin "https://evil.example.com" is not allowed',
      });
    });
  });

  describe('tokens', () => {
    const valid = signJwt({ sub: 'u1', exp: NOW + 60 }, SECRET);

    it('returns the claims of a valid token, from the header or the query', () => {
      const claims = { sub: 'u1', exp: NOW + 60 };
      expect(
        checkAccess(
          request({ authorization: `Bearer ${valid}` }),
          authOnly,
          NOW_MS,
        ),
      ).toEqual({ ok: true, claims });
      expect(
        checkAccess(request({}, `/ws?token=${valid}`), authOnly, NOW_MS),
      ).toEqual({ ok: true, claims });
    });

    it.each([
      ['no token', {}, 'TOKEN_MISSING'],
      ['a malformed token', { authorization: 'Bearer abc' }, 'TOKEN_MALFORMED'],
      [
        'another secret',
        { authorization: `Bearer ${signJwt({}, `${SECRET}!`)}` },
        'TOKEN_BAD_SIGNATURE',
      ],
      [
        'an expired token',
        { authorization: `Bearer ${signJwt({ exp: NOW - 3600 }, SECRET)}` },
        'TOKEN_EXPIRED',
      ],
    ])('answers 401 for %s', (_label, headers, code) => {
      expect(verdict(authOnly, headers)).toEqual({
        ok: false,
        status: 401,
        code,
      });
    });
  });

  it('checks the origin before the token', () => {
    expect(verdict(both, { origin: 'https://evil.example.com' })).toEqual({
      ok: false,
      status: 403,
      code: 'ORIGIN_FORBIDDEN',
    });
    expect(verdict(both, { origin: ALLOWED })).toEqual({
      ok: false,
      status: 401,
      code: 'TOKEN_MISSING',
    });
  });
});
