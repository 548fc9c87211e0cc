import type { WireFiling } from '@secfeed/sec-api-simulator';

/**
 * A ticker the simulator has already sent (so history has rows of it) and will send again
 * soon, but not within the next `notBefore` filings (time to set up the UI): the replay is
 * deterministic, so a test knows what comes next. Takes the first such filing, and among the
 * 20 filings from there the ticker with the most filings so far. `nextIndex` is the index in
 * the replay (= in `sim.sent()`) of that ticker's next filing.
 */
export function upcomingTicker(
  day: readonly WireFiling[],
  sentSoFar: number,
  notBefore: number,
  within = 400,
): { ticker: string; nextIndex: number } {
  const seen = new Map<string, number>();
  for (const filing of day.slice(0, sentSoFar)) {
    const ticker = String(filing['ticker'] ?? '');
    if (ticker) seen.set(ticker, (seen.get(ticker) ?? 0) + 1);
  }
  const tickerAt = (index: number) => String(day[index]['ticker'] ?? '');
  const end = Math.min(day.length, sentSoFar + within);
  // Tickers due sooner than `notBefore` are out: their next filing could beat the test.
  const tooSoon = new Set<string>();
  for (let index = sentSoFar; index < sentSoFar + notBefore; index++)
    tooSoon.add(tickerAt(index));
  const candidate = (index: number) =>
    seen.has(tickerAt(index)) && !tooSoon.has(tickerAt(index));
  let first = sentSoFar + notBefore;
  while (first < end && !candidate(first)) first++;
  let best: { ticker: string; nextIndex: number } | undefined;
  for (let index = first; index < Math.min(end, first + 20); index++) {
    const ticker = tickerAt(index);
    if (!candidate(index)) continue;
    if (!best || (seen.get(ticker) ?? 0) > (seen.get(best.ticker) ?? 0))
      best = { ticker, nextIndex: index };
  }
  if (!best)
    throw new Error(
      `no ticker sent in the first ${sentSoFar} filings comes back within ${within}`,
    );
  return best;
}
