module.exports = {
  displayName: 'service-runtime',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/libs/service-runtime',
  // These specs start, stop, SIGSTOP and SIGKILL private redis-servers and clusters; a node-redis
  // client destroyed while it reconnects can keep a socket or a retry timer alive after its test.
  // A worker that never exits would hang `npm test`, so jest exits once the tests are done.
  forceExit: true,
};
