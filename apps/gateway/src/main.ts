import {
  ConfigError,
  createLogger,
  handleShutdown,
  loadEnvFile,
} from '@secfeed/service-runtime';
import { loadGatewayConfig } from './app/config/gateway-config';
import { GatewayService } from './app/gateway-service';
import { createGatewayMetrics } from './app/metrics/gateway-metrics';

/**
 * At SIGTERM clients get `SHUTDOWN_GRACE_MS` to take their 1001 close before they are cut; the
 * hard deadline, well after it, is for a stop that hangs (exit code 1).
 */
const SHUTDOWN_GRACE_MS = 5_000;
const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  loadEnvFile();
  const config = loadGatewayConfig(process.env);
  const logger = createLogger('gateway', config.logLevel);
  const service = new GatewayService({
    config,
    logger,
    metrics: createGatewayMetrics(),
  });
  handleShutdown(() => service.stop(SHUTDOWN_GRACE_MS), {
    logger,
    timeoutMs: SHUTDOWN_DEADLINE_MS,
  });
  await service.start();
}

main().catch((err: unknown) => {
  const message =
    err instanceof ConfigError
      ? err.message
      : String((err as Error)?.stack ?? err);
  process.stderr.write(
    `${JSON.stringify({ level: 'fatal', service: 'gateway', msg: message })}\n`,
  );
  process.exit(err instanceof ConfigError ? 2 : 1);
});
