/**
 * What a filing says, as contracts §6 (insights, v2) defines it: the optional `insights` of a
 * filing and the payload of a `sec_filing_insights` message. Plain JSON types, no validation:
 * `@secfeed/filing-insights` builds them from EDGAR's documents.
 *
 * Every field of {@link FilingInsights} is present only when it applies to the form; a form the
 * parser does not know gives `{}`. More fields may be added (§6), so readers ignore unknown keys.
 */
export interface FilingInsights {
  /** 8-K family: the items in filing order. */
  items?: FilingItem[];
  /** Forms 3, 4, 5 and their amendments. */
  ownership?: OwnershipInsights;
  /** Schedules 13D and 13G and their amendments. */
  stake?: StakeInsights;
  /** Set when a document could not be read or made no sense; the filing itself is never held back. */
  problems?: InsightsProblem[];
}

/** One 8-K item, e.g. `{ code: '2.02', title: 'Results of Operations and Financial Condition' }`. */
export interface FilingItem {
  /** As EDGAR writes it: `'2.02'`, `'5.02'`, `'9.01'`. */
  code: string;
  /** EDGAR's official title of the item. */
  title: string;
}

/** The ownership document of a Form 3, 4 or 5 (or amendment). */
export interface OwnershipInsights {
  /** `ticker` is `''` when the document names none (as for `Filing.ticker`). */
  issuer: { cik: string; name: string; ticker: string };
  /** Every reporting owner, in document order. */
  owners: OwnershipOwner[];
  /** Transactions in document order, non-derivative rows first. */
  transactions: OwnershipTransaction[];
  /** True when the filer ticked Rule 10b5-1 or the footnotes or remarks say so. */
  tenb51: boolean;
}

/** One reporting owner of an ownership document. */
export interface OwnershipOwner {
  /** CIK without leading zeros. */
  cik: string;
  name: string;
  director: boolean;
  officer: boolean;
  /** The officer title as written, e.g. `'Chief Financial Officer'`; null when none is given. */
  officerTitle: string | null;
  tenPercentOwner: boolean;
  other: boolean;
}

/** One row of the non-derivative or derivative transaction table. */
export interface OwnershipTransaction {
  /** Title of the security, e.g. `'Common Stock'`. */
  security: string;
  /** Transaction date, `YYYY-MM-DD`. */
  date: string;
  /** Transaction code, e.g. `'P'`, `'S'`, `'A'`, `'M'`, `'F'`. */
  code: string;
  /** True for an acquisition (`A`), false for a disposition (`D`). */
  acquired: boolean;
  shares: number;
  /** Price per share; null when the form gives none (a footnote only). */
  price: number | null;
  /** Shares owned following the transaction; null when not given. */
  sharesAfter: number | null;
  /** True for a row of the derivative table. */
  derivative: boolean;
  /** True for direct ownership (`D`), false for indirect (`I`). */
  direct: boolean;
}

/** The cover page of a Schedule 13D or 13G (or amendment). */
export interface StakeInsights {
  issuer: { name: string; cusip: string };
  /** Every reporting person, in document order. */
  filers: StakeFiler[];
  /** The largest percent of class reported, e.g. `9.8`; null when none could be read. */
  percent: number | null;
}

/** One reporting person of a Schedule 13D or 13G. */
export interface StakeFiler {
  name: string;
  /** Aggregate amount beneficially owned; null when not given. */
  shares: number | null;
  /** Percent of class, e.g. `9.8` for 9.8 %; null when not given. */
  percent: number | null;
}

/** Why a document gave no (or partial) insights; `code` is stable, `message` is for people. */
export interface InsightsProblem {
  code: string;
  message: string;
}
