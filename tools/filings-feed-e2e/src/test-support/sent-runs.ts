/**
 * Checks a set of accession numbers against what the simulator sent, in order: `notSent` are
 * ids the simulator never sent; `missing` are the ids sent between the oldest of `ids` and the
 * newest filing sent that `ids` lacks. Both empty: `ids` is an unbroken run of the feed (no gap).
 */
export function gapsInRun(
  sent: readonly string[],
  ids: Iterable<string>,
): { notSent: string[]; missing: string[]; from: number } {
  const index = new Map(sent.map((id, i) => [id, i]));
  const have = new Set(ids);
  const notSent = [...have].filter((id) => !index.has(id));
  const positions = [...have]
    .map((id) => index.get(id))
    .filter((i): i is number => i !== undefined);
  const from = positions.length ? Math.min(...positions) : sent.length;
  const missing = sent.slice(from).filter((id) => !have.has(id));
  return { notSent, missing, from };
}
