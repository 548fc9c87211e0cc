import nx from '@nx/eslint-plugin';

/**
 * Node built-in modules, banned from every project that must also run in a browser.
 * Listed by name because `@nx/enforce-module-boundaries` matches import specifiers.
 */
const nodeBuiltins = [
  'node:*',
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs',
  'fs/promises', 'http', 'http2', 'https', 'net', 'os', 'path', 'process', 'readline', 'stream',
  'tls', 'url', 'util', 'worker_threads', 'zlib',
];
/** Server-side packages the dashboard must never pull into a browser bundle. */
const serverPackages = ['ws', 'redis', '@redis/*', 'pino', 'pino-*', 'prom-client'];

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
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
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
              bannedExternalImports: [...serverPackages, ...nodeBuiltins],
            },
            // What code is: apps wire libraries, libraries never import apps.
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:model'],
            },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:model'],
            },
            {
              sourceTag: 'type:util',
              onlyDependOnLibsWithTags: ['type:util', 'type:model'],
            },
            // The model is the root of the graph and runs in browsers too.
            {
              sourceTag: 'type:model',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: [...serverPackages, ...nodeBuiltins],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
];
