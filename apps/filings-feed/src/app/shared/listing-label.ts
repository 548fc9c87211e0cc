import type { Filing } from '@secfeed/filing-model';

/**
 * The filer's listing as the dashboard writes it: the ticker and, when known, the exchange of the
 * listing (`AAPL · Nasdaq`); just the one known (`AAPL`, `Nasdaq`); `""` for neither.
 *
 * @example
 * listingLabel({ ticker: 'BRK-B', exchange: 'NYSE' }); // 'BRK-B · NYSE'
 */
export function listingLabel(
  filing: Pick<Filing, 'ticker' | 'exchange'>,
): string {
  return [filing.ticker, filing.exchange].filter(Boolean).join(' · ');
}
