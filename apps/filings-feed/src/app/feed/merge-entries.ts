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
): FeedEntry[] {
  const seen = new Set(current.map((entry) => entry.filing.accessionNo));
  const fresh: FeedEntry[] = [];
  for (const entry of incoming) {
    if (seen.has(entry.filing.accessionNo)) continue;
    seen.add(entry.filing.accessionNo);
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
