import { ConfigError, type EnvReader } from '@secfeed/service-runtime';
import { availableParallelism } from 'node:os';

/** Largest `GATEWAY_WORKERS`: more processes than this on one port is a typo, not a plan. */
export const MAX_GATEWAY_WORKERS = 256;

/**
 * `GATEWAY_WORKERS`: how many gateway processes serve the one port. Default 1 (one process,
 * no cluster primary); a whole number from 1 to {@link MAX_GATEWAY_WORKERS}, or `auto` for
 * the machine's cores (`os.availableParallelism()`).
 *
 * @throws ConfigError naming `GATEWAY_WORKERS` for anything else.
 */
export function gatewayWorkers(
  env: EnvReader,
  cores: () => number = availableParallelism,
): number {
  if (env.raw('GATEWAY_WORKERS')?.toLowerCase() === 'auto')
    return Math.min(Math.max(1, cores()), MAX_GATEWAY_WORKERS);
  try {
    return env.int('GATEWAY_WORKERS', 1, {
      min: 1,
      max: MAX_GATEWAY_WORKERS,
    });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    throw new ConfigError(
      'GATEWAY_WORKERS',
      `must be "auto" or a whole number from 1 to ${MAX_GATEWAY_WORKERS}, got "${String(env.raw('GATEWAY_WORKERS'))}"`,
    );
  }
}
