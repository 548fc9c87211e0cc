import type { ShareClass } from './share-class';

/**
 * The exchange of the listing a filing is about: that of the share class its `ticker` names when
 * the company lists several (`BRK-A` and `BRK-B` are both NYSE, `GOOGL` and `GOOG` both Nasdaq),
 * else that of the primary listing (the first). Undefined when the company lists nothing or the
 * SEC gives that listing no exchange.
 *
 * Tickers are compared upper-case, with `.` and `/` read as `-` (`BRK.B` is `BRK-B`), since
 * sources do not all write class suffixes alike.
 *
 * @example
 * listingExchange([{ ticker: 'BRK-B', exchange: 'NYSE' }, { ticker: 'BRK-A', exchange: 'NYSE' }], 'BRK-A'); // 'NYSE'
 */
export function listingExchange(
  classes: readonly ShareClass[],
  ticker: string,
): string | undefined {
  if (classes.length === 0) return undefined;
  const wanted = sameClassKey(ticker);
  const named =
    wanted === ''
      ? undefined
      : classes.find(
          (shareClass) => sameClassKey(shareClass.ticker) === wanted,
        );
  return (named ?? classes[0]).exchange ?? undefined;
}

/** A ticker as compared: upper-case, class separators as `-`. */
function sameClassKey(ticker: string): string {
  return typeof ticker === 'string'
    ? ticker.trim().toUpperCase().replace(/[./]/g, '-')
    : '';
}
