import { signJwt } from './sign-jwt';
import { JWT_LEEWAY_SECONDS, verifyJwt } from './verify-jwt';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const NOW_MS = Date.UTC(2025, 0, 2, 14, 30);
const NOW = NOW_MS / 1000;

describe('verifyJwt', () => {
  it('accepts a valid HS256 token and returns its claims', () => {
    const token = signJwt({ sub: 'u1', exp: NOW + 60, nbf: NOW - 60 }, SECRET);
    expect(verifyJwt(token, SECRET, NOW_MS)).toEqual({
      ok: true,
      claims: { sub: 'u1', exp: NOW + 60, nbf: NOW - 60 },
    });
  });

  it('accepts a token without exp or nbf', () => {
    expect(verifyJwt(signJwt({ sub: 'u1' }, SECRET), SECRET).ok).toBe(true);
  });

  it.each([
    ['', 'TOKEN_MISSING'],
    ['abc', 'TOKEN_MALFORMED'],
    ['a.b.c.d', 'TOKEN_MALFORMED'],
    ['a b.c.d', 'TOKEN_MALFORMED'],
    ['e30.e30.!!', 'TOKEN_MALFORMED'],
    [`${Buffer.from('[1]').toString('base64url')}.e30.AA`, 'TOKEN_MALFORMED'],
    [`${Buffer.from('{').toString('base64url')}.e30.AA`, 'TOKEN_MALFORMED'],
  ])('refuses %j with %s', (token, code) => {
    expect(verifyJwt(token, SECRET, NOW_MS)).toEqual({ ok: false, code });
  });

  it('refuses a signature made with another secret', () => {
    const token = signJwt({ sub: 'u1' }, `${SECRET}-other`);
    expect(verifyJwt(token, SECRET)).toEqual({
      ok: false,
      code: 'TOKEN_BAD_SIGNATURE',
    });
  });

  it('refuses a tampered payload', () => {
    const [header, , signature] = signJwt({ sub: 'u1' }, SECRET).split('.');
    const payload = Buffer.from('{"sub":"admin"}').toString('base64url');
    expect(verifyJwt(`${header}.${payload}.${signature}`, SECRET)).toEqual({
      ok: false,
      code: 'TOKEN_BAD_SIGNATURE',
    });
  });

  it.each([[{ alg: 'none' }], [{ alg: 'HS512' }], [{ alg: 'RS256' }], [{}]])(
    'refuses header %j before checking the signature',
    (header) => {
      const token = signJwt({ sub: 'u1' }, SECRET, header);
      expect(verifyJwt(token, SECRET)).toEqual({
        ok: false,
        code: 'TOKEN_ALG_UNSUPPORTED',
      });
      const unsigned = `${token.split('.').slice(0, 2).join('.')}.`;
      expect(verifyJwt(unsigned, SECRET)).toEqual({
        ok: false,
        code: 'TOKEN_ALG_UNSUPPORTED',
      });
    },
  );

  it('checks exp with the leeway', () => {
    const token = signJwt({ exp: NOW }, SECRET);
    const justInside = (NOW + JWT_LEEWAY_SECONDS - 1) * 1000;
    expect(verifyJwt(token, SECRET, justInside).ok).toBe(true);
    expect(verifyJwt(token, SECRET, (NOW + JWT_LEEWAY_SECONDS) * 1000)).toEqual(
      { ok: false, code: 'TOKEN_EXPIRED' },
    );
  });

  it('checks nbf with the leeway', () => {
    const token = signJwt({ nbf: NOW + JWT_LEEWAY_SECONDS }, SECRET);
    expect(verifyJwt(token, SECRET, NOW_MS).ok).toBe(true);
    expect(verifyJwt(token, SECRET, NOW_MS - 1000)).toEqual({
      ok: false,
      code: 'TOKEN_NOT_YET_VALID',
    });
  });

  it('refuses exp or nbf that are not numbers', () => {
    expect(verifyJwt(signJwt({ exp: 'soon' }, SECRET), SECRET)).toEqual({
      ok: false,
      code: 'TOKEN_MALFORMED',
    });
    expect(verifyJwt(signJwt({ nbf: null }, SECRET), SECRET)).toEqual({
      ok: false,
      code: 'TOKEN_MALFORMED',
    });
  });
});
