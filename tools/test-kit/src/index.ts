// Helpers for the workspace's own tests (never imported by production code): real services
// started on free ports and always cleaned up.
export { createRedisProcess, type RedisProcess } from './redis-process';
export { uniqueKeyPrefix } from './unique-key-prefix';
export { waitUntil } from './wait-until';
