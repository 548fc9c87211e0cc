// Helpers for the workspace's own tests (never imported by production code): real services
// started on free ports and always cleaned up.
export { CHROMIUM, CHROMIUM_ARGS } from './chromium';
export {
  createRedisCluster,
  type ClusterFailover,
  type KillMasterOptions,
  type RedisClusterOptions,
  type RedisClusterProcess,
} from './redis-cluster';
export {
  createRedisProcess,
  type AofMark,
  type RedisProcess,
} from './redis-process';
export {
  connectRawRedis,
  connectTestRedis,
  deleteKeysWithPrefix,
  isTestCluster,
  keysWithPrefix,
  testRedisUrl,
  type RawRedisOptions,
  type TestRedis,
} from './test-redis';
export { portIsFree, reservedPort } from './reserved-port';
export { uniqueKeyPrefix } from './unique-key-prefix';
export { waitUntil } from './wait-until';
export {
  builtServiceMain,
  startServiceProcess,
  type LogLine,
  type ServiceExit,
  type ServiceProcess,
  type ServiceProcessOptions,
  type StopOptions,
} from './service-process';
export { collect, type Collected } from './collect';
