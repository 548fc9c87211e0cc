import type { ShareClass, ShareClassTable } from './share-class';

/** Bounds of {@link parseCompanyTickers}. */
export interface CompanyTickersLimits {
  /** Longest text accepted, in UTF-16 code units (about bytes: the file is ASCII). Default 8 MiB. */
  readonly maxLength?: number;
  /** Most rows accepted. Default 200,000 (the SEC lists about 10,000). */
  readonly maxRows?: number;
  /**
   * Fewest CIKs a file must hold to replace a map. Default 1,000 (the SEC lists about 8,000): an
   * empty or cut-short answer never empties the directory.
   */
  readonly minCiks?: number;
  /** Most securities kept per CIK; later ones are skipped. Default 64 (a large bank lists ~20). */
  readonly maxClassesPerCik?: number;
}

/** What {@link parseCompanyTickers} made of a file. */
export type ParsedCompanyTickers =
  | {
      readonly ok: true;
      readonly table: ShareClassTable;
      /** Rows read, skipped ones included. */
      readonly rows: number;
      /** Rows skipped: an odd ticker (not a symbol), a repeat, past the per-CIK cap. */
      readonly skipped: number;
    }
  | { readonly ok: false; readonly reason: string };

export const DEFAULT_COMPANY_TICKERS_LIMITS: Required<CompanyTickersLimits> = {
  maxLength: 8 * 1024 * 1024,
  maxRows: 200_000,
  minCiks: 1000,
  maxClassesPerCik: 64,
};

/** A ticker as exchanges write them: `AAPL`, `BRK-B`, `BF.B`, `MS-PA`. */
const TICKER = /^[A-Z0-9][A-Z0-9.\-/]{0,15}$/;
const MAX_EXCHANGE_LENGTH = 32;
const MAX_CIK = 9_999_999_999;
/** Of the rows, the share that may be skipped before the whole file is refused. */
const MAX_SKIPPED_SHARE = 0.01;

/**
 * Parses the SEC's `company_tickers_exchange.json`
 * (`{"fields":["cik","name","ticker","exchange"],"data":[[320193,"Apple Inc.","AAPL","Nasdaq"],...]}`)
 * or the shipped copy (the same without `name`), columns found by their `fields` name, into CIK →
 * securities in file order (the first is the primary listing). Tickers are trimmed and
 * upper-cased; an empty exchange becomes null.
 *
 * Never throws. The whole file is refused (`ok: false` with the reason) when it is too long, not
 * JSON, not that shape, holds a row of the wrong types (a non-string ticker, a CIK that is not a
 * whole number), too many rows, too few CIKs, or more than 1% of rows skipped; then the caller
 * keeps the map it has.
 */
export function parseCompanyTickers(
  text: string,
  limits: CompanyTickersLimits = {},
): ParsedCompanyTickers {
  const { maxLength, maxRows, minCiks, maxClassesPerCik } = {
    ...DEFAULT_COMPANY_TICKERS_LIMITS,
    ...limits,
  };
  if (typeof text !== 'string') return refuse('not text');
  if (text.length > maxLength)
    return refuse(`longer than ${maxLength} characters`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return refuse(`not JSON (${(err as Error).message.slice(0, 200)})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return refuse('not an object with "fields" and "data"');
  const { fields, data } = json as { fields?: unknown; data?: unknown };
  if (!Array.isArray(fields) || !fields.every((f) => typeof f === 'string'))
    return refuse('"fields" is not a list of names');
  if (!Array.isArray(data)) return refuse('"data" is not a list of rows');
  if (data.length > maxRows) return refuse(`more than ${maxRows} rows`);
  const cikAt = fields.indexOf('cik');
  const tickerAt = fields.indexOf('ticker');
  const exchangeAt = fields.indexOf('exchange');
  if (cikAt < 0 || tickerAt < 0)
    return refuse('"fields" names no "cik" or no "ticker"');

  const table = new Map<string, ShareClass[]>();
  let skipped = 0;
  for (let index = 0; index < data.length; index += 1) {
    const row: unknown = data[index];
    if (!Array.isArray(row) || row.length !== fields.length)
      return refuse(`row ${index} is not a list of ${fields.length} values`);
    const cik = cikOf(row[cikAt]);
    if (cik === undefined)
      return refuse(`row ${index}: the CIK is not a whole number`);
    const rawTicker: unknown = row[tickerAt];
    if (typeof rawTicker !== 'string')
      return refuse(`row ${index}: the ticker is not a string`);
    const rawExchange: unknown = exchangeAt < 0 ? null : row[exchangeAt];
    if (rawExchange !== null && typeof rawExchange !== 'string')
      return refuse(`row ${index}: the exchange is neither a string nor null`);
    const ticker = rawTicker.trim().toUpperCase();
    const exchange = rawExchange?.trim() || null;
    const classes = table.get(cik) ?? [];
    if (
      !TICKER.test(ticker) ||
      (exchange !== null && exchange.length > MAX_EXCHANGE_LENGTH) ||
      classes.length >= maxClassesPerCik ||
      classes.some((c) => c.ticker === ticker)
    ) {
      skipped += 1;
      continue;
    }
    classes.push({ ticker, exchange });
    table.set(cik, classes);
  }
  if (skipped > data.length * MAX_SKIPPED_SHARE)
    return refuse(`${skipped} of ${data.length} rows are not tickers`);
  if (table.size < minCiks)
    return refuse(`${table.size} CIKs, fewer than ${minCiks}`);
  return { ok: true, table, rows: data.length, skipped };
}

/** A CIK as a number (the SEC's) or a string of digits, without leading zeros. */
function cikOf(value: unknown): string | undefined {
  if (typeof value === 'number')
    return Number.isInteger(value) && value > 0 && value <= MAX_CIK
      ? String(value)
      : undefined;
  if (typeof value === 'string' && /^\d{1,10}$/.test(value)) {
    const cik = value.replace(/^0+/, '');
    return cik === '' ? undefined : cik;
  }
  return undefined;
}

function refuse(reason: string): ParsedCompanyTickers {
  return { ok: false, reason };
}
