import type { TestEntry } from '@secfeed/upstream-sources/testing';

/** The User-Agent the EDGAR specs declare. */
export const TEST_USER_AGENT = 'Secfeed Tests tests@secfeed.example';

/** 15:00 UTC on Monday 2026-03-02: 10:00 in New York (-05:00, before daylight saving time). */
const T0 = Date.parse('2026-03-02T15:00:00Z');

/**
 * Entry `n` of a spec's own series of feed entries: an 8-K of `<name> <n>` accepted `n` seconds
 * after T0, with a CIK and an accession number of the series (`filer`, 1 to 9), so that two
 * specs sharing a Redis never share a filing.
 *
 * @example
 * numberedFeedEntry(3, { name: 'FAULT CO', filer: 2 });
 * // { form: '8-K', name: 'FAULT CO 3', cik: '0002000003', accessionNo: '0000000002-26-000003', ... }
 */
export function numberedFeedEntry(
  n: number,
  series: { readonly name: string; readonly filer: number },
): TestEntry {
  const hms = new Date(T0 - 5 * 3600_000 + n * 1000)
    .toISOString()
    .slice(11, 19);
  return {
    form: '8-K',
    name: `${series.name} ${n}`,
    cik: String(series.filer * 1_000_000 + n).padStart(10, '0'),
    role: 'Filer',
    accessionNo: `000000000${series.filer}-26-${String(n).padStart(6, '0')}`,
    updated: `2026-03-02T${hms}-05:00`,
  };
}
