export { ConfigError } from './lib/config-error';
export { EnvReader } from './lib/env-reader';
export { loadEnvFile } from './lib/load-env-file';
export {
  createLogger,
  LOG_LEVELS,
  type Logger,
  type LogLevel,
} from './lib/create-logger';
export {
  createHealthHandler,
  type HealthHandlerOptions,
  type Readiness,
} from './lib/health-handler';
export { handleShutdown, type ShutdownOptions } from './lib/handle-shutdown';
export { connectRedis, type ConnectRedisOptions } from './lib/connect-redis';
export {
  isRedisCluster,
  isRedisReady,
  routedCommands,
  type RoutedCommands,
  type SecfeedRedis,
} from './lib/secfeed-redis';
export { findDataFile } from './lib/find-data-file';
export { closeRedis, CLOSE_REDIS_GRACE_MS } from './lib/close-redis';
export {
  CLIENT_ERROR_CODES,
  guardSocket,
  handleClientError,
  type ClientErrorContext,
} from './lib/client-error';
export {
  MIN_COMPRESS_BYTES,
  sendError,
  sendJson,
  writeJson,
} from './lib/send-json';
export { chooseEncoding, type Encoding } from './lib/choose-encoding';
export { withTimeout } from './lib/with-timeout';
export {
  parseRequestTarget,
  requestPath,
  type RequestTarget,
} from './lib/request-target';
