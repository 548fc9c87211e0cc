import type { FeedEntry } from './feed-entry';

/** Newest first by `filedAt`; equal times order by accession number, newest first. */
export function compareEntries(a: FeedEntry, b: FeedEntry): number {
  return (
    b.filing.filedAtMs - a.filing.filedAtMs ||
    (a.filing.accessionNo < b.filing.accessionNo
      ? 1
      : a.filing.accessionNo > b.filing.accessionNo
        ? -1
        : 0)
  );
}

/**
 * `current` (already ordered) with `incoming` merged in: newest first, one row per accession
 * number. A filing already shown keeps its row (and its "new" mark), so history pages and live
 * messages may overlap freely. O(n + m log m); `current` is never mutated.
 */
export function mergeEntries(
  current: readonly FeedEntry[],
  incoming: readonly FeedEntry[],
  /** Accession numbers of `current`, when the caller keeps them (saves rebuilding a set). */
  shown: ReadonlySet<string> = new Set(
    current.map((entry) => entry.filing.accessionNo),
  ),
): FeedEntry[] {
  const added = new Set<string>();
  const fresh: FeedEntry[] = [];
  for (const entry of incoming) {
    const accessionNo = entry.filing.accessionNo;
    if (shown.has(accessionNo) || added.has(accessionNo)) continue;
    added.add(accessionNo);
    fresh.push(entry);
  }
  if (fresh.length === 0) return [...current];
  fresh.sort(compareEntries);
  const merged: FeedEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < current.length && j < fresh.length) {
    merged.push(
      compareEntries(current[i], fresh[j]) <= 0 ? current[i++] : fresh[j++],
    );
  }
  while (i < current.length) merged.push(current[i++]);
  while (j < fresh.length) merged.push(fresh[j++]);
  return merged;
}

/**
 * `current` (already ordered, without `entry`) with one new entry in its place. A live filing
 * is nearly always the newest, so that case is a single copy; otherwise a binary search.
 */
export function insertEntry(
  current: readonly FeedEntry[],
  entry: FeedEntry,
): FeedEntry[] {
  let lo = 0;
  let hi = current.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareEntries(current[mid], entry) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return [...current.slice(0, lo), entry, ...current.slice(lo)];
}
