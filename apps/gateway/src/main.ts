import {
  ConfigError,
  createLogger,
  handleShutdown,
  loadEnvFile,
} from '@secfeed/service-runtime';
import cluster from 'node:cluster';
import { loadGatewayConfig } from './app/config/gateway-config';
import { GatewayService } from './app/gateway-service';
import { createGatewayMetrics } from './app/metrics/gateway-metrics';
import { createPrimaryMetrics } from './app/metrics/primary-metrics';
import { GatewayPrimary } from './app/workers/gateway-primary';
import { workerRole } from './app/workers/worker-role';

/**
 * At SIGTERM clients get `SHUTDOWN_GRACE_MS` to take their 1001 close before they are cut; the
 * hard deadline, well after it, is for a stop that hangs (exit code 1). With several workers
 * each has both, and the primary kills what is left at the deadline.
 */
const SHUTDOWN_GRACE_MS = 5_000;
const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  loadEnvFile();
  const config = loadGatewayConfig(process.env);
  const logger = createLogger('gateway', config.logLevel);
  if (config.workers > 1 && cluster.isPrimary) {
    const primary = new GatewayPrimary({
      workers: config.workers,
      logger,
      metrics: createPrimaryMetrics(),
    });
    handleShutdown(() => primary.stop(SHUTDOWN_DEADLINE_MS), {
      logger,
      timeoutMs: SHUTDOWN_DEADLINE_MS + 1_000,
    });
    await primary.start();
    return;
  }
  const metrics = createGatewayMetrics();
  const worker = workerRole(metrics.registry);
  const log = worker ? logger.child({ worker: worker.id }) : logger;
  const service = new GatewayService({ config, logger: log, metrics, worker });
  handleShutdown(() => service.stop(SHUTDOWN_GRACE_MS), {
    logger: log,
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
