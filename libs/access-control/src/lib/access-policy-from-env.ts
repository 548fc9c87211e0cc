import { ConfigError, EnvReader } from '@secfeed/service-runtime';
import type { AccessPolicy } from './check-access';

/** The variables every secfeed HTTP edge reads its {@link AccessPolicy} from. */
export const ACCESS_ENV = Object.freeze({
  authSecret: 'GATEWAY_AUTH_SECRET',
  allowedOrigins: 'GATEWAY_ALLOWED_ORIGINS',
} as const);

/** HS256 needs a 256-bit secret. */
export const MIN_AUTH_SECRET_LENGTH = 32;

const ORIGIN = /^https?:\/\/[^/]+$/;

/**
 * Reads the access policy from the environment with the gateway's variables and rules
 * (docs/gateway.md): `GATEWAY_AUTH_SECRET` (unset: auth off; else at least 32 characters) and
 * `GATEWAY_ALLOWED_ORIGINS` (comma-separated origins like `https://app.example.com`; unset:
 * any). A service behind the same dashboard therefore accepts the same tokens and origins.
 *
 * @throws ConfigError naming the variable when a value is invalid.
 * @example
 * ```ts
 * const access = accessPolicyFromEnv(process.env);
 * if (!checkAccess(req, access).ok) ...
 * ```
 */
export function accessPolicyFromEnv(
  environment: Readonly<Record<string, string | undefined>>,
): AccessPolicy {
  const env = new EnvReader(environment);
  const authSecret = env.raw(ACCESS_ENV.authSecret);
  if (authSecret !== undefined && authSecret.length < MIN_AUTH_SECRET_LENGTH) {
    throw new ConfigError(
      ACCESS_ENV.authSecret,
      `must be at least ${MIN_AUTH_SECRET_LENGTH} characters (HS256 needs a 256-bit secret)`,
    );
  }
  const allowedOrigins = (env.raw(ACCESS_ENV.allowedOrigins) ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of allowedOrigins) {
    if (!ORIGIN.test(origin)) {
      throw new ConfigError(
        ACCESS_ENV.allowedOrigins,
        `"${origin}" is not an origin like https://app.example.com`,
      );
    }
  }
  return { authSecret, allowedOrigins };
}
