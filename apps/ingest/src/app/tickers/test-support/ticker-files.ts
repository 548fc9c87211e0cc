import { createLogger, type Logger } from '@secfeed/service-runtime';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';

/** The SEC's real `company_tickers_exchange.json` (2025), as text. */
export function realCompanyTickersText(): string {
  return readFileSync(
    join(
      __dirname,
      '../../../../../../../shared/fixtures/edgar/company_tickers_exchange.json',
    ),
    'utf8',
  );
}

/** Path of the shipped copy, `data/edgar/company-tickers-exchange.json`. */
export const SHIPPED_TICKERS_FILE = join(
  __dirname,
  '../../../../../../data/edgar/company-tickers-exchange.json',
);

/** A file in the SEC's format from `[cik, name, ticker, exchange]` rows. */
export function companyTickersText(rows: readonly unknown[][]): string {
  return JSON.stringify({
    fields: ['cik', 'name', 'ticker', 'exchange'],
    data: rows,
  });
}

/** A logger whose lines land, parsed, in `lines`. */
export function recordingLogger(): {
  logger: Logger;
  lines: Array<Record<string, unknown>>;
} {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('ingest', 'debug', sink), lines };
}
