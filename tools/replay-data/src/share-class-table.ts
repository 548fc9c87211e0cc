/**
 * The SEC's `company_tickers_exchange.json`:
 * `{"fields":["cik","name","ticker","exchange"],"data":[[320193,"Apple Inc.","AAPL","Nasdaq"],...]}`,
 * ordered by size, one row per listed security (several per CIK for share classes), `exchange`
 * possibly null.
 */
export interface SecCompanyTickersExchange {
  fields: string[];
  data: unknown[][];
}

/** The shipped copy's columns: the SEC's format without the company name. */
export const SHIPPED_FIELDS = ['cik', 'ticker', 'exchange'] as const;

/** The shipped copy: {@link SecCompanyTickersExchange} with the columns of {@link SHIPPED_FIELDS}. */
export interface ShippedCompanyTickers {
  fields: typeof SHIPPED_FIELDS;
  data: Array<[number, string, string | null]>;
}

/**
 * The shipped copy of the SEC's ticker and exchange map, in the SEC's own format (so that ingest
 * reads it and a fresh download with one parser), without the name column: every row kept in
 * the SEC's order (the first row of a CIK is its primary listing), tickers trimmed and
 * upper-cased, exchanges trimmed (empty becomes null).
 *
 * @throws Error when the source lacks a `cik` or `ticker` column, or a row has the wrong types.
 */
export function shippedCompanyTickers(
  source: SecCompanyTickersExchange,
): ShippedCompanyTickers {
  const column = (name: string) => source.fields.indexOf(name);
  const [cik, ticker, exchange] = SHIPPED_FIELDS.map(column);
  if (cik < 0 || ticker < 0)
    throw new Error('company_tickers_exchange.json: no cik or ticker column');
  const data = source.data.map(
    (row, index): [number, string, string | null] => {
      const c = row[cik];
      const t = row[ticker];
      const e = exchange < 0 ? null : row[exchange];
      if (
        !Number.isSafeInteger(c) ||
        typeof t !== 'string' ||
        (e !== null && typeof e !== 'string')
      ) {
        throw new Error(
          `company_tickers_exchange.json: row ${index} is malformed: ${JSON.stringify(row)}`,
        );
      }
      return [c as number, t.trim().toUpperCase(), e?.trim() || null];
    },
  );
  return { fields: SHIPPED_FIELDS, data };
}
