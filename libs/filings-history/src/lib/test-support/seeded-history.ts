import type { Filing } from '@secfeed/filing-model';
import { openHistoryTest, type HistoryTest } from './history-test-server';
import {
  listingOrder,
  publishFilings,
  type SeededFiling,
} from './seed-filings';

/** A history test on its own Redis prefix with `filings` published, and their listing order. */
export async function openSeededHistory(
  label: string,
  filings: Filing[],
): Promise<{ history: HistoryTest; ordered: SeededFiling[] }> {
  const history = await openHistoryTest(label);
  const { redis } = history;
  const ordered = listingOrder(
    await publishFilings(redis.client, redis.keys, filings),
  );
  return { history, ordered };
}
