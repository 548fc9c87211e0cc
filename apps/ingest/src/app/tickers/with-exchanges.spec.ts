import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toFiling, type Filing } from '@secfeed/filing-model';
import { makeFiling } from '@secfeed/filing-model/testing';
import { loadShippedTickers } from './load-shipped-tickers';
import { TickerDirectory } from './ticker-directory';
import {
  recordingLogger,
  SHIPPED_TICKERS_FILE,
} from './test-support/ticker-files';
import { withExchanges } from './with-exchanges';

/** Apple's 10-K as sec-api.io sends it (a ticker, no exchange), validated as ingest does. */
function secApiAapl(): Filing {
  const raw = JSON.parse(
    readFileSync(
      join(
        __dirname,
        '../../../../../../shared/fixtures/sec-api/query-response-aapl-10k.json',
      ),
      'utf8',
    ),
  ).filings[0];
  const result = toFiling(raw, {
    source: 'sec-api',
    receivedAt: '2025-10-31T10:01:27.123Z',
  });
  if (!result.ok) throw new Error(JSON.stringify(result.reasons));
  return result.filing;
}

describe('withExchanges', () => {
  const shipped = loadShippedTickers(
    SHIPPED_TICKERS_FILE,
    recordingLogger().logger,
  );

  it('fills the exchange of a sec-api.io filing from the shipped directory, right after the ticker', () => {
    const filing = secApiAapl();
    expect(filing.exchange).toBeUndefined();

    const [enriched] = withExchanges([filing], shipped);

    expect(enriched.exchange).toBe('Nasdaq');
    expect(enriched).not.toBe(filing);
    expect('exchange' in filing).toBe(false);
    // What toFiling makes of the filing with its exchange: same JSON, key order included.
    const again = toFiling(
      { ...filing, exchange: 'Nasdaq' },
      { source: filing.source, receivedAt: filing.receivedAt },
    );
    expect(again.ok && JSON.stringify(again.filing)).toBe(
      JSON.stringify(enriched),
    );
    expect(enriched).toEqual({ ...filing, exchange: 'Nasdaq' });
  });

  it('takes the share class the ticker names, else the primary listing', () => {
    // Bank of America: BAC on NYSE first, BACRP over the counter.
    const bank = { cik: '70858', companyName: 'BANK OF AMERICA CORP /DE/' };
    const [common, preferred, unnamed, other] = withExchanges(
      [
        makeFiling({ ...bank, ticker: 'BAC' }),
        makeFiling({ ...bank, ticker: 'bacrp' }),
        makeFiling({ ...bank, ticker: '' }),
        makeFiling({ ...bank, ticker: 'NOPE' }),
      ],
      shipped,
    );
    expect([common, preferred, unnamed, other].map((f) => f.exchange)).toEqual([
      'NYSE',
      'OTC',
      'NYSE',
      'NYSE',
    ]);
    const [brkA, brkB, googl, goog] = withExchanges(
      [
        makeFiling({ cik: '1067983', ticker: 'BRK-A' }),
        makeFiling({ cik: '0001067983', ticker: 'BRK.B' }),
        makeFiling({ cik: '1652044', ticker: 'GOOGL' }),
        makeFiling({ cik: '1652044', ticker: 'GOOG' }),
      ],
      shipped,
    );
    expect([brkA, brkB, googl, goog].map((f) => f.exchange)).toEqual([
      'NYSE',
      'NYSE',
      'Nasdaq',
      'Nasdaq',
    ]);
  });

  it('leaves a filing that has an exchange alone, and one the directory cannot place', () => {
    const directory = new TickerDirectory(
      new Map([
        ['320193', [{ ticker: 'AAPL', exchange: 'Nasdaq' }]],
        ['2007855', [{ ticker: 'VG', exchange: null }]],
      ]),
    );
    const listed = makeFiling({ cik: '320193', exchange: 'NYSE' });
    const unlisted = makeFiling({ cik: '1999999', ticker: '' });
    const noExchange = makeFiling({ cik: '2007855', ticker: 'VG' });

    const out = withExchanges([listed, unlisted, noExchange], directory);

    expect(out[0]).toBe(listed);
    expect(out[0].exchange).toBe('NYSE');
    expect(out[1]).toBe(unlisted);
    expect(out[2]).toBe(noExchange);
    expect(out.some((f) => f !== listed && 'exchange' in f)).toBe(false);
  });
});
