import { spawn } from 'node:child_process';
import { join } from 'node:path';

const workspaceRoot = join(__dirname, '../../..');
/** The rules that guard the dependency matrix (see eslint.config.mjs). */
const RULES = new Set([
  '@nx/enforce-module-boundaries',
  'no-restricted-imports',
]);

interface LintResult {
  messages: Array<{ ruleId: string | null; message: string }>;
}

/**
 * Lints `code` as if it were a file at `filePath` (relative to the workspace root) with the
 * workspace's own ESLint CLI and configuration, and returns the boundary rule's messages only.
 * The CLI runs in a child process because ESLint loads its flat config with a dynamic import,
 * which jest's module sandbox does not allow.
 */
function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const eslint = spawn(
      process.execPath,
      [
        join(workspaceRoot, 'node_modules/eslint/bin/eslint.js'),
        '--format',
        'json',
        '--stdin',
        '--stdin-filename',
        join(workspaceRoot, filePath),
      ],
      // From the project's folder, as Nx runs lint: its own eslint.config.mjs applies.
      {
        cwd: join(workspaceRoot, filePath.split('/').slice(0, 2).join('/')),
        env: { ...process.env, NX_DAEMON: 'false' },
      },
    );
    let out = '';
    let err = '';
    eslint.stdout.on('data', (chunk) => (out += chunk));
    eslint.stderr.on('data', (chunk) => (err += chunk));
    eslint.on('error', reject);
    eslint.on('close', (status) => {
      // 0: clean, 1: lint errors; anything else means ESLint itself failed.
      if (status !== 0 && status !== 1)
        return reject(new Error(`eslint exited ${status}: ${err}`));
      const [result] = JSON.parse(out) as LintResult[];
      resolve(
        result.messages
          .filter((m) => m.ruleId !== null && RULES.has(m.ruleId))
          .map((m) => m.message),
      );
    });
    eslint.stdin.end(code);
  });
}

describe('dependency matrix (@nx/enforce-module-boundaries)', () => {
  const breaches: Array<[string, string, string, RegExp]> = [
    [
      'filing-model imports another project of ours',
      'libs/filing-model/src/lib/breach.ts',
      "export * from '@secfeed/reconnect-policy';",
      /type:model/,
    ],
    [
      'filing-model imports a server library',
      'libs/filing-model/src/lib/breach.ts',
      "export * from '@secfeed/redis-keys';",
      /scope:shared/,
    ],
    [
      'filing-model imports a Node built-in',
      'libs/filing-model/src/lib/breach.ts',
      "export { readFileSync } from 'node:fs';",
      /browser/,
    ],
    [
      'filing-model imports a Node built-in without prefix',
      'libs/filing-model/src/lib/breach.ts',
      "export { EventEmitter } from 'events';",
      /browser/,
    ],
    [
      'filing-model imports a server package',
      'libs/filing-model/src/lib/breach.ts',
      "export { WebSocket } from 'ws';",
      /ws/,
    ],
    [
      'the dashboard imports ws',
      'apps/filings-feed/src/app/breach.ts',
      "export { WebSocket } from 'ws';",
      /ws/,
    ],
    [
      'the dashboard imports redis',
      'apps/filings-feed/src/app/breach.ts',
      "export { createClient } from 'redis';",
      /redis/,
    ],
    [
      'the dashboard imports a Node built-in',
      'apps/filings-feed/src/app/breach.ts',
      "export { createServer } from 'http';",
      /browser/,
    ],
    [
      'the dashboard imports a prefixed Node built-in',
      'apps/filings-feed/src/app/breach.ts',
      "export { createServer } from 'node:http';",
      /browser/,
    ],
    [
      'the dashboard imports a server-only library',
      'apps/filings-feed/src/app/breach.ts',
      "export * from '@secfeed/dedup';",
      /scope:(web|shared)/,
    ],
    [
      'the dashboard imports the stream client (ws and the Redis reader)',
      'apps/filings-feed/src/app/breach.ts',
      "export * from '@secfeed/stream-client';",
      /scope:(web|shared)/,
    ],
    [
      'a Node service imports Angular',
      'apps/ingest/src/breach.ts',
      "export { Component } from '@angular/core';",
      /@angular\/core/,
    ],
    [
      'a shared library imports Angular',
      'libs/reconnect-policy/src/lib/breach.ts',
      "export { signal } from '@angular/core';",
      /@angular\/core/,
    ],
    [
      'a shared library imports a server-only library',
      'libs/reconnect-policy/src/lib/breach.ts',
      "export * from '@secfeed/dedup';",
      /scope:shared/,
    ],
    [
      'the browser-safe retry policy imports ws',
      'libs/reconnect-policy/src/lib/breach.ts',
      "export { WebSocket } from 'ws';",
      /ws/,
    ],
    [
      'the browser-safe retry policy imports a Node built-in',
      'libs/reconnect-policy/src/lib/breach.ts',
      "export { setTimeout } from 'node:timers';",
      /browser/,
    ],
    [
      'a library imports an app',
      'libs/dedup/src/lib/breach.ts',
      "export * from '../../../../apps/ingest/src/main';",
      /relative or absolute path/,
    ],
    [
      "the WebSocket fan-out imports the gateway app's code",
      'libs/realtime/src/lib/breach.ts',
      "export * from '../../../../apps/gateway/src/app/config/gateway-config';",
      /relative or absolute path/,
    ],
    [
      'a util library imports a data-access library',
      'libs/redis-keys/src/lib/breach.ts',
      "export * from '@secfeed/stream-client';",
      /type:(util|model)/,
    ],
    [
      'production code imports test helpers',
      'libs/dedup/src/lib/breach.ts',
      "export * from '@secfeed/test-kit';",
      /specs only/,
    ],
  ];

  it.each(breaches)(
    'fails lint when %s',
    async (_name, filePath, code, expected) => {
      const errors = await boundaryErrors(filePath, code);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.join('\n')).toMatch(expected);
    },
  );

  const allowed: Array<[string, string, string]> = [
    [
      'a spec uses test helpers',
      'libs/dedup/src/lib/ok.spec.ts',
      "export * from '@secfeed/test-kit';",
    ],
    [
      'the dashboard imports the model',
      'apps/filings-feed/src/app/ok.ts',
      "export * from '@secfeed/filing-model';",
    ],
    [
      'the dashboard imports the browser-safe retry policy',
      'apps/filings-feed/src/app/ok.ts',
      "export * from '@secfeed/reconnect-policy';",
    ],
    [
      'ingest imports dedup and the model',
      'apps/ingest/src/ok.ts',
      "export * from '@secfeed/dedup';\nexport * from '@secfeed/filing-model';",
    ],
    [
      'the gateway imports the stream client and ws',
      'apps/gateway/src/ok.ts',
      "export * from '@secfeed/stream-client';\nexport { WebSocketServer } from 'ws';",
    ],
    [
      'the gateway imports the WebSocket fan-out',
      'apps/gateway/src/ok.ts',
      "export * from '@secfeed/realtime';",
    ],
    [
      'dedup imports redis-keys',
      'libs/dedup/src/lib/ok.ts',
      "export * from '@secfeed/redis-keys';",
    ],
    [
      'a Node service imports Node built-ins',
      'apps/gateway/src/ok.ts',
      "export { createServer } from 'node:http';",
    ],
    [
      'a spec of the model reads fixtures from disk',
      'libs/filing-model/src/lib/ok.spec.ts',
      "export { readFileSync } from 'node:fs';",
    ],
  ];

  it.each(allowed)('passes lint when %s', async (_name, filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });
});
