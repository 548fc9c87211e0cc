// The real Query API answer of ../shared/fixtures, for this folder's specs only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURE = join(
  __dirname,
  '../../../../../../../shared/fixtures/sec-api/query-response-aapl-10k.json',
);

/** Apple's 10-K as the Query API returns it. A fresh copy per call. */
export function aaplQueryFiling(): Record<string, unknown> {
  return JSON.parse(readFileSync(FIXTURE, 'utf8')).filings[0];
}

/** `ms` as sec-api.io writes `filedAt`: ISO 8601 with a fixed -04:00 offset, no millis. */
export function easternEdt(ms: number): string {
  return `${new Date(ms - 4 * 3600_000).toISOString().slice(0, 19)}-04:00`;
}

/**
 * `count` copies of Apple's real filing with distinct accession numbers
 * (`0000320193-25-9NNNNN`) and `filedAt` one second apart from `firstFiledAt`.
 */
export function queryFilings(
  count: number,
  firstFiledAt = '2025-10-31T06:01:26-04:00',
  firstSeq = 900_000,
): Record<string, unknown>[] {
  const template = aaplQueryFiling();
  const start = Date.parse(firstFiledAt);
  return Array.from({ length: count }, (_, i) => ({
    ...template,
    accessionNo: `0000320193-25-${String(firstSeq + i).padStart(6, '0')}`,
    filedAt: easternEdt(start + i * 1000),
  }));
}
