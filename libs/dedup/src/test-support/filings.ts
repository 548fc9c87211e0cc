import { PublishableFiling } from '../lib/publishable-filing';

/** A filing as the real Filing looks to the publisher: the needed fields plus others. */
export interface TestFiling extends PublishableFiling {
  readonly filedAt: string;
  readonly linkToFilingDetails: string;
}

// Recent, so that the history indexes (which drop filings older than the retention) keep them.
const BASE_MS = Math.floor(Date.now() / 1000) * 1000 - 60 * 60 * 1000;

/**
 * Filing number `n`: unique accession number, filed `n` seconds after a base time (or `filedAtMs`
 * when given), ticker `TICKn%5`, form type cycling through three forms.
 */
export function testFiling(
  n: number,
  overrides: Partial<TestFiling> = {},
): TestFiling {
  const filedAtMs = overrides.filedAtMs ?? BASE_MS + n * 1000;
  return {
    accessionNo: `0000${String(320193 + (n % 7)).padStart(6, '0')}-25-${String(n).padStart(6, '0')}`,
    cik: String(320193 + (n % 7)),
    ticker: `TICK${n % 5}`,
    formType: ['8-K', '10-Q', 'SC 13D'][n % 3],
    companyName: `Company ${n % 7} Inc.`,
    filedAtMs,
    filedAt: Number.isFinite(filedAtMs)
      ? new Date(filedAtMs).toISOString()
      : '',
    linkToFilingDetails: `https://www.sec.gov/Archives/edgar/data/${n}-index.htm`,
    ...overrides,
  };
}

/** `count` filings numbered from `from`. */
export function testFilings(
  count: number,
  from = 0,
  overrides: Partial<TestFiling> = {},
): TestFiling[] {
  return Array.from({ length: count }, (_, i) =>
    testFiling(from + i, overrides),
  );
}
