import { uniqueKeyPrefix } from '@secfeed/test-kit';
import { join } from 'node:path';
import { intEnv } from './lib/report-format';

/** The dashboard benchmark's knobs, read from the environment at start. */
export interface DashboardSettings {
  /** BENCH_ROWS: filings seeded and rows to load (default 10,000). */
  targetRows: number;
  /** BENCH_LIVE_RATE: live filings per second (default 50). */
  liveRate: number;
  /** BENCH_LIVE_SECONDS: the live phase (default 30). */
  liveSeconds: number;
  /** BENCH_DASHBOARD_PROFILE: a V8 CPU profile of the page during the live phase, to this file. */
  profileFile?: string;
  /** REDIS_URL (default redis://127.0.0.1:6379). */
  redisUrl: string;
  /** A key prefix of this run. */
  keyPrefix: string;
  /** Workspace root. */
  root: string;
  /** The built dashboard, dist/apps/filings-feed/browser. */
  browserDir: string;
}

/** Reads the knobs; a bad number fails naming its variable. */
export function readDashboardSettings(root: string): DashboardSettings {
  return {
    targetRows: intEnv('BENCH_ROWS', 10_000),
    liveRate: intEnv('BENCH_LIVE_RATE', 50),
    liveSeconds: intEnv('BENCH_LIVE_SECONDS', 30),
    profileFile: process.env['BENCH_DASHBOARD_PROFILE'],
    redisUrl: process.env['REDIS_URL'] || 'redis://127.0.0.1:6379',
    keyPrefix: uniqueKeyPrefix('bench-dashboard'),
    root,
    browserDir: join(root, 'dist/apps/filings-feed/browser'),
  };
}
