export * from './lib/dedup';
