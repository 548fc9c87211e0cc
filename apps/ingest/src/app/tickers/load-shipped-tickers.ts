import type { Logger } from '@secfeed/service-runtime';
import { readFileSync } from 'node:fs';
import {
  parseCompanyTickers,
  type CompanyTickersLimits,
} from './parse-company-tickers';
import { TickerDirectory } from './ticker-directory';

/**
 * The directory as shipped (`data/edgar/company-tickers-exchange.json`), the offline default. A
 * copy that cannot be read or is refused by {@link parseCompanyTickers} is logged as an error
 * and gives an empty directory: filings then carry `ticker: ""` until a refresh, never a failed
 * start.
 */
export function loadShippedTickers(
  file: string,
  logger: Logger,
  limits?: CompanyTickersLimits,
): TickerDirectory {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    logger.error(
      { file, err: (err as Error).message },
      'Shipped ticker map unreadable; tickers empty until a refresh',
    );
    return new TickerDirectory();
  }
  const parsed = parseCompanyTickers(text, limits);
  if (!parsed.ok) {
    logger.error(
      { file, reason: parsed.reason },
      'Shipped ticker map refused; tickers empty until a refresh',
    );
    return new TickerDirectory();
  }
  return new TickerDirectory(parsed.table);
}
