import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CleanupStack } from './cleanup-stack';

/** The built gateway a benchmark runs, and what it was built from. */
export interface GatewayBuild {
  /** A private copy of `dist/apps/gateway/main.js`. */
  main: string;
  /** `git rev-parse --short HEAD` at the start of the run. */
  commit: string;
  /** Files of `apps/gateway` and `libs` that differed from that commit (built in). */
  uncommitted: number;
}

function git(root: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/**
 * Copies the built gateway to `tmp/benchmarks/gateway-<pid>/` of the workspace (so that it
 * still finds the workspace's `node_modules`), deleted at the end: every scenario of the run
 * starts the same build even when the workspace's is rebuilt meanwhile.
 * @throws Error when `dist/apps/gateway/main.js` is missing.
 */
export function snapshotGatewayBuild(
  root: string,
  cleanup: CleanupStack,
): GatewayBuild {
  const built = join(root, 'dist/apps/gateway/main.js');
  if (!existsSync(built)) {
    throw new Error(
      `${built} not found: build it first (npx nx build gateway), or run npm run bench:gateway`,
    );
  }
  const dir = join(root, 'tmp/benchmarks', `gateway-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  cleanup.push(`remove ${dir}`, () =>
    rmSync(dir, { recursive: true, force: true }),
  );
  const main = join(dir, 'main.js');
  copyFileSync(built, main);
  const status = git(root, [
    'status',
    '--porcelain',
    '--',
    'apps/gateway',
    'libs',
  ]);
  return {
    main,
    commit: git(root, ['rev-parse', '--short', 'HEAD']) || 'unknown',
    uncommitted: status ? status.split('\n').length : 0,
  };
}
