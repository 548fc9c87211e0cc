import nx from '@nx/eslint-plugin';
import { builtinModules } from 'node:module';

/** Modules for tests only (rule `no-restricted-imports` below). */
const testOnly = [
  { name: '@secfeed/test-kit', message: 'Test helpers are for specs only.' },
  {
    name: '@secfeed/sec-api-simulator',
    message: 'The simulator is for specs, benchmarks and the demo only.',
  },
];

/** Server-side packages the dashboard must never pull into a browser bundle. */
const serverPackages = [
  'ws',
  'redis',
  '@redis/*',
  'pino',
  'pino-*',
  'prom-client',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/tmp'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      // The dependency matrix of docs/architecture.md. `scope:` says where code runs,
      // `type:` says what it is; a project must satisfy the rules of each of its tags.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: true,
          // Test helpers: specs of buildable libraries may use them (production code may not,
          // see no-restricted-imports below).
          allow: [
            '^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$',
            '@secfeed/test-kit',
          ],
          depConstraints: [
            // Where code runs.
            {
              sourceTag: 'scope:shared',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: ['@angular/*'],
            },
            {
              sourceTag: 'scope:server',
              onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'],
              bannedExternalImports: ['@angular/*'],
            },
            {
              sourceTag: 'scope:web',
              onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'],
              bannedExternalImports: serverPackages,
            },
            {
              sourceTag: 'scope:tooling',
              onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'],
            },
            // What code is: apps wire libraries, libraries never import apps.
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:data-access',
                'type:util',
                'type:model',
              ],
            },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: [
                'type:data-access',
                'type:util',
                'type:model',
              ],
            },
            {
              sourceTag: 'type:util',
              onlyDependOnLibsWithTags: ['type:util', 'type:model'],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: [
                'type:data-access',
                'type:util',
                'type:model',
              ],
            },
            // The model is the root of the graph and runs in browsers too.
            {
              sourceTag: 'type:model',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: serverPackages,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Production code never imports test helpers. (Patterns in this file are relative to the
    // project being linted: Nx runs ESLint from each project's folder with its own config.)
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', '**/test-setup.ts', '**/test-support/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: testOnly }],
    },
  },
];

/**
 * For projects whose code runs in a browser (the dashboard, the model it shares with the
 * gateway, the retry policy it shares with stream-client): their eslint.config.mjs adds it after
 * the base. Node built-ins are not npm packages, so the boundary rule cannot see them; this can.
 * Server packages are banned here too, because a `scope:shared` library's tags do not ban them
 * (test-kit needs them). Specs run under Node.
 */
export const browserOnly = [
  {
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts', '**/test-setup.ts', '**/test-support/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...testOnly,
            ...builtinModules.map((name) => ({
              name,
              message: 'Node built-ins do not exist in the browser.',
            })),
          ],
          patterns: [
            {
              group: ['node:*'],
              message: 'Node built-ins do not exist in the browser.',
            },
            {
              group: serverPackages,
              message: 'Server packages do not belong in a browser bundle.',
            },
          ],
        },
      ],
    },
  },
];
