import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a token was refused; stable codes for logs, metrics and the refusal body. */
export const JWT_ERROR_CODES = Object.freeze({
  /** No token in the request. */
  missing: 'TOKEN_MISSING',
  /** Not three base64url parts of JSON objects, or claims of the wrong type. */
  malformed: 'TOKEN_MALFORMED',
  /** The HS256 signature does not match the secret. */
  badSignature: 'TOKEN_BAD_SIGNATURE',
  /** `exp` has passed (beyond the leeway). */
  expired: 'TOKEN_EXPIRED',
  /** `nbf` lies in the future (beyond the leeway). */
  notYetValid: 'TOKEN_NOT_YET_VALID',
  /** `alg` is not `HS256` (`none` included). */
  algUnsupported: 'TOKEN_ALG_UNSUPPORTED',
} as const);

export type JwtErrorCode =
  (typeof JWT_ERROR_CODES)[keyof typeof JWT_ERROR_CODES];

export type VerifyJwtResult =
  | { ok: true; claims: Record<string, unknown> }
  | { ok: false; code: JwtErrorCode };

/** Clock skew tolerated on `exp` and `nbf`, in seconds, between the issuer and us. */
export const JWT_LEEWAY_SECONDS = 30;

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Verifies an HS256 JSON Web Token (RFC 7519) with `secret` and returns its claims.
 *
 * Only `HS256` is accepted: `alg: none` and every other algorithm are refused before the
 * signature is looked at, so a token cannot choose how it is checked. The signature is compared
 * in constant time. `exp` and `nbf` (seconds since the epoch, optional) are checked with
 * {@link JWT_LEEWAY_SECONDS} of leeway. Never throws.
 *
 * @param nowMs - the clock, for tests; default `Date.now()`.
 * @example
 * ```ts
 * const result = verifyJwt(tokenFromRequest(req) ?? '', config.authSecret);
 * if (!result.ok) return refuse(401, result.code);
 * ```
 */
export function verifyJwt(
  token: string,
  secret: string,
  nowMs: number = Date.now(),
): VerifyJwtResult {
  if (token === '') return fail('missing');
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) {
    return fail('malformed');
  }
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = decodeJsonObject(headerPart);
  const claims = decodeJsonObject(payloadPart);
  if (!header || !claims) return fail('malformed');
  if (header['alg'] !== 'HS256') return fail('algUnsupported');
  const expected = createHmac('sha256', secret)
    .update(`${headerPart}.${payloadPart}`)
    .digest();
  const actual = Buffer.from(signaturePart, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return fail('badSignature');
  }
  return checkTimes(claims, nowMs / 1000);
}

function checkTimes(
  claims: Record<string, unknown>,
  nowSeconds: number,
): VerifyJwtResult {
  const { exp, nbf } = claims;
  if (!isOptionalNumber(exp) || !isOptionalNumber(nbf))
    return fail('malformed');
  if (exp !== undefined && nowSeconds >= exp + JWT_LEEWAY_SECONDS) {
    return fail('expired');
  }
  if (nbf !== undefined && nowSeconds < nbf - JWT_LEEWAY_SECONDS) {
    return fail('notYetValid');
  }
  return { ok: true, claims };
}

function isOptionalNumber(value: unknown): value is number | undefined {
  return value === undefined || (typeof value === 'number' && isFinite(value));
}

function decodeJsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(
      Buffer.from(part, 'base64url').toString('utf8'),
    );
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function fail(reason: keyof typeof JWT_ERROR_CODES): VerifyJwtResult {
  return { ok: false, code: JWT_ERROR_CODES[reason] };
}
