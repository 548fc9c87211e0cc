export {
  JWT_ERROR_CODES,
  JWT_LEEWAY_SECONDS,
  verifyJwt,
  type JwtErrorCode,
  type VerifyJwtResult,
} from './lib/verify-jwt';
export { tokenFromRequest } from './lib/token-from-request';
export { signJwt } from './lib/sign-jwt';
export {
  checkAccess,
  ORIGIN_FORBIDDEN,
  type AccessPolicy,
  type AccessVerdict,
} from './lib/check-access';
export {
  ACCESS_ENV,
  accessPolicyFromEnv,
  MIN_AUTH_SECRET_LENGTH,
} from './lib/access-policy-from-env';
