import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Benchmarks drive the simulator (docs/architecture.md, "Test-only code"). The root config
    // exempts `tools/**`, but that pattern is relative to the root, and lint runs from here.
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
    },
  },
];
