import { createAlertMetrics } from '@secfeed/alert-delivery';
import {
  ConfigError,
  createLogger,
  handleShutdown,
  loadEnvFile,
} from '@secfeed/service-runtime';
import { AlertsService } from './app/alerts-service';
import { loadAlertsConfig } from './app/config/alerts-config';

async function main(): Promise<void> {
  loadEnvFile();
  const config = loadAlertsConfig(process.env);
  const logger = createLogger('alerts', config.logLevel);
  const service = new AlertsService({
    config,
    logger,
    metrics: createAlertMetrics(),
  });
  // Attempts in flight end within ALERTS_TIMEOUT_MS and are recorded before the exit.
  handleShutdown(() => service.stop(), {
    logger,
    timeoutMs: config.delivery.timeoutMs + 5000,
  });
  await service.start();
}

main().catch((err: unknown) => {
  const message =
    err instanceof ConfigError
      ? err.message
      : String((err as Error)?.stack ?? err);
  process.stderr.write(
    `${JSON.stringify({ level: 'fatal', service: 'alerts', msg: message })}\n`,
  );
  process.exit(err instanceof ConfigError ? 2 : 1);
});
