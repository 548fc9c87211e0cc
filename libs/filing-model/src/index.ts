export * from './lib/filing-model';
