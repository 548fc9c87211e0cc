import type { IncomingMessage } from 'node:http';
import { tokenFromRequest } from './token-from-request';
import { verifyJwt, type JwtErrorCode } from './verify-jwt';

/** 403: the request's browser `Origin` is not in `allowedOrigins`. */
export const ORIGIN_FORBIDDEN = 'ORIGIN_FORBIDDEN';

/** What access depends on (the gateway's `/ws` and `/api`, the alerts API). */
export interface AccessPolicy {
  /** HS256 secret; when set, a valid JWT is required. */
  readonly authSecret?: string;
  /** Browser origins allowed; empty means any. */
  readonly allowedOrigins: readonly string[];
}

/**
 * The answer of {@link checkAccess}: allowed (with the token's claims when auth is on), or
 * refused with the HTTP status, the stable code of the `{"error":{"code","message"}}` body and
 * a message for people.
 */
export type AccessVerdict =
  | { readonly ok: true; readonly claims?: Record<string, unknown> }
  | {
      readonly ok: false;
      readonly status: 401 | 403;
      readonly code: typeof ORIGIN_FORBIDDEN | JwtErrorCode;
      readonly message: string;
    };

/**
 * The one access check of secfeed's HTTP edges: the gateway's WebSocket upgrade and `/api`, and
 * the alerts service's `/api`, so all refuse the same request with the same status and code
 * (docs/protocol.md, "Authentication and origins").
 *
 * - Origin first: with `allowedOrigins` set, a request carrying an `Origin` header that is not
 *   listed gets 403 `ORIGIN_FORBIDDEN`. A request without `Origin` is not a browser's and
 *   passes (auth protects those).
 * - Then the token: with `authSecret` set, the HS256 JWT of `Authorization: Bearer` or of the
 *   `token` query parameter must verify, or the answer is 401 with the token's code
 *   (`TOKEN_MISSING`, `TOKEN_EXPIRED`...).
 *
 * Never throws.
 *
 * @param nowMs - the clock for `exp`/`nbf`, for tests; default `Date.now()`.
 * @example
 * ```ts
 * const verdict = checkAccess(req, config);
 * if (!verdict.ok) return sendError(res, verdict.status, verdict.code, verdict.message);
 * ```
 */
export function checkAccess(
  req: Pick<IncomingMessage, 'headers' | 'url'>,
  policy: AccessPolicy,
  nowMs: number = Date.now(),
): AccessVerdict {
  const origin = req.headers.origin;
  if (
    origin !== undefined &&
    policy.allowedOrigins.length > 0 &&
    !policy.allowedOrigins.includes(origin)
  ) {
    return {
      ok: false,
      status: 403,
      code: ORIGIN_FORBIDDEN,
      message: `the origin ${JSON.stringify(origin.slice(0, 100))} is not allowed`,
    };
  }
  if (policy.authSecret === undefined) return { ok: true };
  const verified = verifyJwt(
    tokenFromRequest(req) ?? '',
    policy.authSecret,
    nowMs,
  );
  if (!verified.ok) {
    return {
      ok: false,
      status: 401,
      code: verified.code,
      message:
        'a valid token is required (query token or Authorization: Bearer)',
    };
  }
  return { ok: true, claims: verified.claims };
}
