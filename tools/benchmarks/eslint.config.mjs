import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Benchmarks drive the simulator (docs/architecture.md, "Test-only code").
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
    },
  },
];
