export * from './lib/redis-keys';
