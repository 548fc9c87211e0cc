export * from './lib/stream-client';
