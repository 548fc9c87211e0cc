import { FILING_LIMITS, toFiling, type Filing } from '@secfeed/filing-model';
import type { TickerLookup } from '../ticker-lookup';
import type { IngestReject } from '../source-event';
import { EDGAR_ERROR_CODES } from './edgar-error-codes';
import type { FeedEntry } from './feed-entry';

/** What {@link toEdgarFilings} needs besides the entries. */
export interface EdgarFilingMeta {
  /** ISO 8601 UTC. */
  readonly receivedAt: string;
  /**
   * The ticker directory (ticker and exchange), or a fixed object of CIK without leading zeros →
   * ticker (no exchange then).
   */
  readonly tickers: Readonly<Record<string, string>> | TickerLookup;
}

/** Filings of one poll, and the accession numbers that failed validation. */
export interface EdgarFilings {
  /** Oldest acceptance first. */
  readonly filings: Filing[];
  /** Coded `EDGAR_ENTRY_INVALID`, `raw` being the filing object that was refused. */
  readonly rejects: IngestReject[];
}

// The entity a filing is "about" when several share an accession: the issuer of a Form 4, the
// filer otherwise, then the subject company of a tender offer. sec-api.io does the same.
const ROLE_PRIORITY = ['issuer', 'filer', 'subject'];

/**
 * Merges feed entries that share an accession number into one filing each (EDGAR lists a
 * filing once per entity), and validates it with `toFiling` (source `edgar`). The primary
 * entity (role Issuer, else Filer, else Subject, else the first listed) gives `cik`,
 * `companyName`, the links, and, from the tickers, `ticker` and `exchange` (its primary
 * listing's, left out when unknown); `entities` lists every entity as `NAME (ROLE)`. Filings
 * come oldest first; entries with the same acceptance time keep the feed's order, reversed.
 */
export function toEdgarFilings(
  entries: readonly FeedEntry[],
  meta: EdgarFilingMeta,
): EdgarFilings {
  const groups = new Map<string, FeedEntry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.accessionNo);
    if (group) group.push(entry);
    else groups.set(entry.accessionNo, [entry]);
  }
  const filings: Filing[] = [];
  const rejects: IngestReject[] = [];
  // The feed is newest first; reversing before a stable sort keeps ties in acceptance order.
  for (const group of [...groups.values()].reverse()) {
    const raw = rawFiling(group, meta.tickers);
    const result = toFiling(raw, {
      source: 'edgar',
      receivedAt: meta.receivedAt,
    });
    if (result.ok) filings.push(result.filing);
    else {
      rejects.push({
        code: EDGAR_ERROR_CODES.entryInvalid,
        source: 'edgar',
        raw,
        reasons: result.reasons,
      });
    }
  }
  filings.sort((a, b) => a.filedAtMs - b.filedAtMs);
  return { filings, rejects };
}

/** The primary entity of a group: see {@link ROLE_PRIORITY}. */
export function primaryEntry(group: readonly FeedEntry[]): FeedEntry {
  for (const role of ROLE_PRIORITY) {
    const found = group.find((entry) => entry.role.toLowerCase() === role);
    if (found) return found;
  }
  return group[0];
}

/** The sec-api.io shaped filing object of one accession. */
function rawFiling(
  group: readonly FeedEntry[],
  tickers: Readonly<Record<string, string>> | TickerLookup,
): Record<string, unknown> {
  const primary = primaryEntry(group);
  const exchange = exchangeOf(tickers, primary.cik);
  const items = primary.items.length > 0 ? [...primary.items] : undefined;
  const description = [`Form ${primary.formType}`, ...(items ?? [])]
    .join(' - ')
    .slice(0, FILING_LIMITS.text);
  return {
    accessionNo: primary.accessionNo,
    cik: primary.cik,
    ticker: tickerOf(tickers, primary.cik),
    ...(exchange ? { exchange } : {}),
    companyName: primary.companyName,
    companyNameLong: `${primary.companyName} (${primary.role})`,
    formType: primary.formType,
    description,
    filedAt: primary.filedAt,
    linkToTxt: `https://www.sec.gov/Archives/edgar/data/${primary.cik}/${primary.accessionNo}.txt`,
    linkToHtml: primary.indexUrl,
    linkToXbrl: '',
    linkToFilingDetails: primary.indexUrl,
    entities: group.map((entry) => ({
      companyName: `${entry.companyName} (${entry.role})`,
      cik: entry.cik,
    })),
    ...(items ? { items } : {}),
  };
}

/** The primary ticker of a CIK, `""` when it lists none. */
function tickerOf(
  tickers: Readonly<Record<string, string>> | TickerLookup,
  cik: string,
): string {
  if (isLookup(tickers)) return tickers.primaryTicker(cik) ?? '';
  return Object.hasOwn(tickers, cik) ? tickers[cik] : '';
}

/**
 * The exchange of a CIK's primary listing, undefined (left out) when the directory has none or
 * the tickers are a plain map.
 */
function exchangeOf(
  tickers: Readonly<Record<string, string>> | TickerLookup,
  cik: string,
): string | undefined {
  return isLookup(tickers) ? (tickers.exchangeOf(cik) ?? undefined) : undefined;
}

function isLookup(
  tickers: Readonly<Record<string, string>> | TickerLookup,
): tickers is TickerLookup {
  return typeof (tickers as Partial<TickerLookup>).primaryTicker === 'function';
}
