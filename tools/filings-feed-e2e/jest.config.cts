module.exports = {
  displayName: 'filings-feed-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  // Each spec file runs the whole product (simulator, ingest, gateway) and a Chromium: one file
  // at a time, so that two browsers never compete for a 2-core machine.
  maxWorkers: 1,
  // Real services and a real browser: waits are on conditions, with room for a busy machine.
  testTimeout: 90_000,
};
