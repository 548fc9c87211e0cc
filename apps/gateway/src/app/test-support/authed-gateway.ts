import { signJwt } from '@secfeed/access-control';
import { createLogger } from '@secfeed/service-runtime';
import { waitUntil } from '@secfeed/test-kit';
import { loadGatewayConfig } from '../config/gateway-config';
import { GatewayService } from '../gateway-service';
import { createGatewayMetrics } from '../metrics/gateway-metrics';

/** The JWT secret of {@link startAuthedGateway}. */
export const TEST_AUTH_SECRET = 'a-secret-of-at-least-thirty-two-characters';

/** An answer of the gateway: its status and its JSON body (undefined when empty). */
export interface JsonAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** A production gateway with auth on, and a client of its REST API. */
export interface AuthedGateway {
  readonly base: string;
  /** Calls `path` with a valid token, or none when `auth` is false. */
  call(path: string, init?: RequestInit, auth?: boolean): Promise<JsonAnswer>;
  stop(): Promise<void>;
}

/**
 * Starts the production `GatewayService` on a free port with auth on (JWT
 * {@link TEST_AUTH_SECRET}) under the key prefix `prefix`, and waits until `readyPath`
 * answers 200 (the gateway has reached Redis).
 */
export async function startAuthedGateway(
  prefix: string,
  readyPath: string,
): Promise<AuthedGateway> {
  const service = new GatewayService({
    config: loadGatewayConfig({
      SECFEED_KEY_PREFIX: prefix,
      GATEWAY_PORT: '0',
      GATEWAY_AUTH_SECRET: TEST_AUTH_SECRET,
    }),
    logger: createLogger('gateway', 'silent'),
    metrics: createGatewayMetrics(false),
  });
  const base = `http://127.0.0.1:${await service.start()}`;
  const token = () =>
    signJwt(
      { sub: 'u', exp: Math.floor(Date.now() / 1000) + 60 },
      TEST_AUTH_SECRET,
    );
  const call = async (path: string, init: RequestInit = {}, auth = true) => {
    const res = await fetch(`${base}${path}`, {
      ...init,
      headers: auth ? { authorization: `Bearer ${token()}` } : {},
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
  };
  await waitUntil(
    async () => (await call(readyPath)).status === 200,
    'the gateway reaching Redis',
  );
  return { base, call, stop: () => service.stop(0) };
}

/** The `code` of a JSON error body. */
export function errorCodeOf(body: unknown): string {
  return (body as { error: { code: string } }).error.code;
}
