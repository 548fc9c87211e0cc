import { intEnv } from '../lib/report-format';
import type { BurstSettings } from './burst-scenario';

/** The shipped `EDGAR_REQUESTS_PER_SECOND` of ingest (docs/ingest.md, "Insights"). */
const INGEST_DEFAULT_BUDGET = 8;

/**
 * The knobs: BENCH_INSIGHTS_FILINGS (default 300), BENCH_INSIGHTS_RPS (unset: ingest's own
 * default, 8), BENCH_INSIGHTS_DELAY_MS (the stand-in's answer time, default 100),
 * BENCH_INSIGHTS_LEAD_MS (ingest start to the burst, default 10,000, at least 1,000: the
 * burst must not be in the simulator's first frame), REDIS_URL.
 */
export function readInsightsSettings(root: string): BurstSettings {
  const rps = process.env['BENCH_INSIGHTS_RPS'];
  const requestsPerSecond = rps ? intEnv('BENCH_INSIGHTS_RPS', 8) : undefined;
  return {
    root,
    redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    filings: intEnv('BENCH_INSIGHTS_FILINGS', 300),
    requestsPerSecond,
    budget: requestsPerSecond ?? INGEST_DEFAULT_BUDGET,
    archiveDelayMs: intEnv('BENCH_INSIGHTS_DELAY_MS', 100, 0),
    leadMs: intEnv('BENCH_INSIGHTS_LEAD_MS', 10_000, 1000),
    graceMs: 3_000,
  };
}
