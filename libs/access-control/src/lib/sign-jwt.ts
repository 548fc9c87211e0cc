import { createHmac } from 'node:crypto';

/**
 * Signs `claims` as an HS256 JWT. The gateway never issues tokens; this exists for tests and
 * local tooling that need a token the gateway accepts.
 *
 * @example
 * ```ts
 * signJwt({ sub: 'dashboard', exp: Math.floor(Date.now() / 1000) + 3600 }, secret);
 * ```
 */
export function signJwt(
  claims: Record<string, unknown>,
  secret: string,
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
): string {
  const encode = (value: unknown) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${encode(header)}.${encode(claims)}`;
  const signature = createHmac('sha256', secret).update(body).digest();
  return `${body}.${signature.toString('base64url')}`;
}
