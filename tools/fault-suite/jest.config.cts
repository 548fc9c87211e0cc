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
};
