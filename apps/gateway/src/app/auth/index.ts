export {
  JWT_ERROR_CODES,
  JWT_LEEWAY_SECONDS,
  verifyJwt,
  type JwtErrorCode,
  type VerifyJwtResult,
} from './verify-jwt';
export { tokenFromRequest } from './token-from-request';
export { signJwt } from './sign-jwt';
export {
  checkAccess,
  ORIGIN_FORBIDDEN,
  type AccessPolicy,
  type AccessVerdict,
} from './check-access';
