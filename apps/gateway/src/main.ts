import {
  ConfigError,
  createLogger,
  handleShutdown,
  loadEnvFile,
} from '@secfeed/service-runtime';
import { loadGatewayConfig } from './app/config/gateway-config';
import { GatewayService } from './app/gateway-service';
import { createGatewayMetrics } from './app/metrics/gateway-metrics';

async function main(): Promise<void> {
  loadEnvFile();
  const config = loadGatewayConfig(process.env);
  const logger = createLogger('gateway', config.logLevel);
  const service = new GatewayService({
    config,
    logger,
    metrics: createGatewayMetrics(),
  });
  handleShutdown(() => service.stop(), { logger });
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
