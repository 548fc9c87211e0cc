import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The benchmark is a script run against local Redis and receivers, as tools/benchmarks is:
    // it may use the test helpers.
    files: ['src/bench/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
];
