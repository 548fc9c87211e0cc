/**
 * The Redis integration specs of other projects, run a second time against a fresh Redis
 * Cluster of 3 masters (global setup: `REDIS_URL` = one node, so the services and the test
 * connections detect the cluster themselves), plus this project's own cluster spec.
 * What runs and what is left out, and why: README.md.
 */
const SPECS = [
  // ingest: the service in-process and built, each upstream path into Redis.
  'apps/ingest/src/integration/built-service.spec.ts',
  'apps/ingest/src/integration/edgar-to-redis.spec.ts',
  'apps/ingest/src/integration/sec-api-to-redis.spec.ts',
  // gateway: the built service; its REST history (filings-history) and real-time half (realtime).
  'apps/gateway/src/integration/built-gateway.spec.ts',
  'libs/filings-history/src/lib/history-get-filing.spec.ts',
  'libs/filings-history/src/lib/history-list.spec.ts',
  'libs/filings-history/src/lib/history-paging-stability.spec.ts',
  'libs/filings-history/src/lib/history-stream-position.spec.ts',
  'libs/realtime/src/lib/realtime-auth.spec.ts',
  'libs/realtime/src/lib/realtime-limits.spec.ts',
  'libs/realtime/src/lib/realtime-protocol.spec.ts',
  'libs/realtime/src/lib/realtime-recovery.spec.ts',
  'libs/realtime/src/lib/stream-history.spec.ts',
  // The libraries that write and read the stream.
  'libs/dedup/src/lib/filing-publisher.spec.ts',
  'libs/dedup/src/lib/filing-publisher-bounds.spec.ts',
  'libs/dedup/src/lib/filing-publisher-concurrency.spec.ts',
  'libs/dedup/src/lib/stream-retention.spec.ts',
  'libs/dedup/src/lib/index-retention.spec.ts',
  'libs/dedup/src/lib/retention.spec.ts',
  'libs/dedup/src/lib/trim-expired.spec.ts',
  'libs/stream-client/src/lib/redis-stream-reader.spec.ts',
];

module.exports = {
  displayName: 'cluster-suite',
  preset: '../../jest.preset.js',
  // rootDir stays here: the workspace resolver maps @secfeed/* from this folder's tsconfig.
  roots: ['<rootDir>/src', '<rootDir>/../../apps', '<rootDir>/../../libs'],
  testMatch: [
    '<rootDir>/src/**/*.spec.ts',
    ...SPECS.map((spec) => `<rootDir>/../../${spec}`),
  ],
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  globalSetup: '<rootDir>/src/test-support/global-setup.ts',
  globalTeardown: '<rootDir>/src/test-support/global-teardown.ts',
  coverageDirectory: '../../coverage/tools/cluster-suite',
  testTimeout: 60_000,
};
