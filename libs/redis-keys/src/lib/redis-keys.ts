export function redisKeys(): string {
  return 'redis-keys';
}
