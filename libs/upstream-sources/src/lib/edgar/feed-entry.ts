/**
 * One `<entry>` of EDGAR's Latest Filings feed, read but not yet validated as a filing. The
 * feed has one entry per entity of a filing, so several entries may share `accessionNo`.
 */
export interface FeedEntry {
  /** From `<id>urn:tag:sec.gov,2008:accession-number=ACC</id>`. */
  readonly accessionNo: string;
  /** From the title, without leading zeros. */
  readonly cik: string;
  /** The entity's name as the title gives it, e.g. `BB&T CORP`. */
  readonly companyName: string;
  /** The entity's role in the filing: `Filer`, `Issuer`, `Reporting`, `Subject`, ... */
  readonly role: string;
  /** `<category term>`, or the title's form when the category is missing. */
  readonly formType: string;
  /** `<updated>`: the acceptance time, ISO 8601 with the Eastern offset, verbatim. */
  readonly filedAt: string;
  /** The absolute URL of the filing's `-index.htm` page. */
  readonly indexUrl: string;
  /** `Item 2.02: ...` lines of the summary (8-K and similar), in order; often empty. */
  readonly items: readonly string[];
}
