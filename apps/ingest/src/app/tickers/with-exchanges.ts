import { Filing } from '@secfeed/filing-model';
import { listingExchange } from './listing-exchange';
import type { TickerDirectory } from './ticker-directory';

/** What {@link withExchanges} asks of the ticker directory. */
export type ShareClassLookup = Pick<TickerDirectory, 'tickersOf'>;

/**
 * The filings of a source, each with the `exchange` of its listing from the ticker directory
 * when it has none (sec-api.io names a `ticker` but no exchange): see {@link listingExchange}.
 * A filing that already has an exchange, or whose company the directory does not list (or lists
 * without an exchange), is returned as it is; the input filings are never changed.
 *
 * A filled-in filing is a copy with `exchange` right after `ticker`, where the model puts it, so
 * its JSON is what `toFiling` would make of it.
 *
 * @example
 * pipeline.push(withExchanges(event.filings, tickers.directory));
 */
export function withExchanges(
  filings: readonly Filing[],
  directory: ShareClassLookup,
): Filing[] {
  return filings.map((filing) => withExchange(filing, directory));
}

function withExchange(filing: Filing, directory: ShareClassLookup): Filing {
  if (filing.exchange !== undefined) return filing;
  const exchange = listingExchange(
    directory.tickersOf(filing.cik),
    filing.ticker,
  );
  if (exchange === undefined) return filing;
  const copy = new Filing();
  const target = copy as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(filing)) {
    target[key] = value;
    if (key === 'ticker') copy.exchange = exchange;
  }
  return copy;
}
