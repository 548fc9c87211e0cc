/** One row of a daily index: one entity of one filing. */
export interface EdgarIndexRow {
  /** From the file name, e.g. `0000950170-20-001234`. */
  readonly accessionNo: string;
  /** As the index writes it, trimmed: `8-K`, `SC 13D/A`, `1-A POS`. */
  readonly formType: string;
  /** Without leading zeros. */
  readonly cik: string;
  readonly companyName: string;
  /** `YYYY-MM-DD`. */
  readonly dateFiled: string;
  /** As the index writes it: `edgar/data/1234/0000950170-20-001234.txt`. */
  readonly fileName: string;
}

/** One entity (issuer, reporting owner, filer, subject company) a filing is listed under. */
export interface EdgarIndexEntity {
  readonly cik: string;
  readonly companyName: string;
}

/** One filing of a daily index: its rows grouped by accession number, in index order. */
export interface EdgarIndexAccession {
  readonly accessionNo: string;
  /** The form type of its first row. */
  readonly formType: string;
  readonly dateFiled: string;
  /** The file name of its first row. */
  readonly fileName: string;
  /** One per row, duplicates of one CIK dropped, in index order. */
  readonly entities: readonly EdgarIndexEntity[];
}
