import type { SecfeedRedis } from '@secfeed/service-runtime';
import { FilingPublisher } from '@secfeed/dedup';
import type { Filing } from '@secfeed/filing-model';
import { encodeIndexMember } from '@secfeed/filing-model/stored';
import { makeFiling } from '@secfeed/filing-model/testing';
import type { RedisKeys } from '@secfeed/redis-keys';

/** The tests' wall clock: noon in New York, Wednesday 12 March 2025 (after the DST change). */
export const NOW_MS = Date.parse('2025-03-12T16:00:00Z');
export const DAY_MS = 86_400_000;
export const RETENTION_MS = 7 * DAY_MS;
/** Oldest `filedAtMs` the API serves at {@link NOW_MS}. */
export const CUTOFF_MS = NOW_MS - RETENTION_MS;

/** A published filing with what the API orders it by. */
export interface SeededFiling {
  readonly filing: Filing;
  readonly member: string;
}

const COMPANIES = [
  { companyName: 'Apple Inc.', cik: '320193', ticker: 'AAPL' },
  { companyName: 'MICROSOFT CORP', cik: '789019', ticker: 'MSFT' },
  { companyName: 'Berkshire Hathaway Inc', cik: '1067983', ticker: 'BRK-B' },
  {
    companyName: 'Apple Hospitality REIT, Inc.',
    cik: '1418121',
    ticker: 'APLE',
  },
  { companyName: 'Tesla, Inc.', cik: '1318605', ticker: 'TSLA' },
  { companyName: 'Doe John', cik: '1999001', ticker: '' },
];
const FORMS = [
  '8-K',
  '10-K',
  '10-K/A',
  '10-Q',
  '4',
  '4/A',
  'SC 13D',
  'SC 13D/A',
  'S-1',
];

/** A small deterministic PRNG, so that a failure reproduces. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * `count` filings of six filers (one without a ticker), nine forms with amendments, filed
 * between 4 and 11 March 2025 (some before the retention cut-off, across the DST change), in
 * groups that share one `filedAt` second so that ties are common.
 */
export function buildFilings(count: number, seed = 7): Filing[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T =>
    list[Math.floor(random() * list.length)];
  const start = Date.parse('2025-03-04T12:00:00Z');
  const filings: Filing[] = [];
  let filedAtMs = start;
  while (filings.length < count) {
    filedAtMs += Math.floor(random() * 7.5 * 3600) * 1000;
    if (filedAtMs > NOW_MS - 3600_000)
      filedAtMs = start + filings.length * 1000;
    const ties = 1 + Math.floor(random() * 3);
    for (let i = 0; i < ties && filings.length < count; i += 1) {
      filings.push(
        makeFiling({
          ...pick(COMPANIES),
          formType: pick(FORMS),
          filedAt: new Date(filedAtMs).toISOString().replace('.000Z', 'Z'),
        }),
      );
    }
  }
  return filings;
}

/**
 * Publishes through dedup (as ingest does) in a shuffled order, so that stream positions and
 * `filedAt` disagree, with a publisher clock three days behind the API's: every filing is then
 * indexed, including those the API must drop by its own retention cut-off.
 */
export async function publishFilings(
  client: SecfeedRedis,
  keys: RedisKeys,
  filings: readonly Filing[],
  seed = 11,
): Promise<SeededFiling[]> {
  const random = prng(seed);
  const order = [...filings].sort(() => random() - 0.5);
  const publisher = new FilingPublisher(client, {
    keys,
    retentionMs: RETENTION_MS,
    now: () => NOW_MS - 3 * DAY_MS,
  });
  const results = await publisher.publishBatch(order);
  return order.map((filing, i) => ({
    filing,
    member: encodeIndexMember(results[i].position, filing.accessionNo),
  }));
}

/** Listing order: newest `filedAt` first, ties newest position first. */
export function listingOrder(filings: readonly SeededFiling[]): SeededFiling[] {
  return [...filings].sort((a, b) =>
    a.filing.filedAtMs !== b.filing.filedAtMs
      ? b.filing.filedAtMs - a.filing.filedAtMs
      : a.member < b.member
        ? 1
        : -1,
  );
}

/**
 * The accession numbers the API must list, in listing order: the seeded filings still within
 * retention that `predicate` keeps.
 */
export function listedAccessions(
  ordered: readonly SeededFiling[],
  predicate: (filing: Filing) => boolean = () => true,
): string[] {
  return ordered
    .filter(({ filing }) => filing.filedAtMs >= CUTOFF_MS && predicate(filing))
    .map(({ filing }) => filing.accessionNo);
}
