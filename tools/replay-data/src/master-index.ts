/** One row of an EDGAR daily master index: one entity of one filing. */
export interface MasterIndexRow {
  cik: string;
  companyName: string;
  formType: string;
  /** `YYYYMMDD` */
  dateFiled: string;
  accessionNo: string;
}

const ACCESSION_IN_PATH = /\/(\d{10}-\d{2}-\d{6})\.txt$/;

/**
 * Parses EDGAR's `master.YYYYMMDD.idx` (`CIK|Company Name|Form Type|Date Filed|File Name`,
 * after a free-text header ending in a dashed line). Rows that do not have five fields or whose
 * file name carries no accession number are skipped: the header is free text.
 */
export function parseMasterIndex(text: string): MasterIndexRow[] {
  const rows: MasterIndexRow[] = [];
  for (const line of text.split(/\r?\n/)) {
    const parts = line.split('|');
    if (parts.length !== 5) continue;
    const [cik, companyName, formType, dateFiled, fileName] = parts.map((p) =>
      p.trim(),
    );
    const accession = ACCESSION_IN_PATH.exec(fileName);
    if (!accession || !/^\d+$/.test(cik)) continue;
    rows.push({
      cik,
      companyName,
      formType,
      dateFiled,
      accessionNo: accession[1],
    });
  }
  return rows;
}

/** Groups rows by accession number, keeping the index's order of first appearance. */
export function groupByAccession(rows: MasterIndexRow[]): MasterIndexRow[][] {
  const groups = new Map<string, MasterIndexRow[]>();
  for (const row of rows) {
    const group = groups.get(row.accessionNo);
    if (group) group.push(row);
    else groups.set(row.accessionNo, [row]);
  }
  return [...groups.values()];
}
