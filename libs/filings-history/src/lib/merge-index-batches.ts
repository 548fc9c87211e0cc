import { compareNewestFirst, IndexEntry } from './index-entry';

/** What one sorted set returned after the cursor. */
export interface KeyBatch {
  /** In listing order, all strictly after the cursor. */
  readonly entries: readonly IndexEntry[];
  /** The set returned as many as asked: it may hold more after the last one. */
  readonly full: boolean;
}

/** Entries that may be listed now, in order; `exhausted` when no set holds anything after them. */
export interface IndexBatch {
  readonly entries: readonly IndexEntry[];
  readonly exhausted: boolean;
}

/**
 * Merges the batches of several sorted sets into listing order, keeping only the entries that
 * are certainly next: a full batch may hide entries older than its last one, so nothing older
 * than the newest of the full batches' last entries may be listed yet (it goes in the next
 * round). At least that entry itself, and everything before it, is kept, so every round
 * advances. A filing in two sets (two of a filer's tickers) is kept once.
 */
export function mergeIndexBatches(batches: readonly KeyBatch[]): IndexBatch {
  let horizon: IndexEntry | undefined;
  for (const batch of batches) {
    const last = batch.entries[batch.entries.length - 1];
    if (!batch.full || last === undefined) continue;
    if (horizon === undefined || compareNewestFirst(last, horizon) < 0) {
      horizon = last;
    }
  }
  const byMember = new Map<string, IndexEntry>();
  for (const batch of batches) {
    for (const entry of batch.entries) byMember.set(entry.member, entry);
  }
  const merged = [...byMember.values()].sort(compareNewestFirst);
  if (horizon === undefined) return { entries: merged, exhausted: true };
  const limit = horizon;
  return {
    entries: merged.filter((entry) => compareNewestFirst(entry, limit) <= 0),
    exhausted: false,
  };
}
