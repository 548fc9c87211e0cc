import {
  ConfigError,
  createLogger,
  handleShutdown,
  loadEnvFile,
} from '@secfeed/service-runtime';
import type { AddressInfo } from 'node:net';
import { loadIngestConfig } from './app/config/ingest-config';
import { IngestService } from './app/ingest-service';
import { createIngestMetrics } from './app/metrics/ingest-metrics';
import { sourceFactory } from './app/source-factory';
import { startHttpServer } from './app/start-http-server';

async function main(): Promise<void> {
  loadEnvFile();
  const config = loadIngestConfig(process.env);
  const logger = createLogger('ingest', config.logLevel);
  const metrics = createIngestMetrics();
  const service = new IngestService({
    config,
    logger,
    metrics,
    createSource: sourceFactory(config),
  });
  const http = await startHttpServer(config.port, {
    registry: metrics.registry,
    readiness: () => service.readiness(),
  });
  logger.info(
    { port: (http.address() as AddressInfo).port, sources: config.sources },
    'Ingest listening',
  );
  handleShutdown(
    async () => {
      http.close();
      await service.stop();
    },
    { logger },
  );
  await service.start();
}

main().catch((err: unknown) => {
  const message =
    err instanceof ConfigError
      ? err.message
      : String((err as Error)?.stack ?? err);
  process.stderr.write(
    `${JSON.stringify({ level: 'fatal', service: 'ingest', msg: message })}\n`,
  );
  process.exit(err instanceof ConfigError ? 2 : 1);
});
