import type {
  EdgarIndexAccession,
  EdgarIndexEntity,
  EdgarIndexRow,
} from './edgar-index-row';

/** What grouping found: the filings, and accession numbers whose rows disagree. */
export interface GroupedRows {
  readonly accessions: EdgarIndexAccession[];
  /** Rows whose form type or date filed differ from their accession's first row. */
  readonly conflicts: { readonly row: EdgarIndexRow; readonly line: number }[];
}

/**
 * Groups the rows of a daily index by accession number: the index lists one row per entity
 * (issuer and reporting owner of a Form 4, each co-registrant), so a filing is an accession,
 * not a row. Filings keep the order of their first row; the first row's form type, date and
 * file name are the filing's.
 */
export function groupByAccession(
  rows: readonly { readonly row: EdgarIndexRow; readonly line: number }[],
): GroupedRows {
  // `ciks` mirrors `entities` so that a filing listed under thousands of entities (a fund
  // filing under each of its series) is grouped in linear time, not quadratic.
  const byAccession = new Map<
    string,
    { first: EdgarIndexRow; entities: EdgarIndexEntity[]; ciks: Set<string> }
  >();
  const conflicts: GroupedRows['conflicts'] = [];
  for (const { row, line } of rows) {
    const group = byAccession.get(row.accessionNo);
    if (!group) {
      byAccession.set(row.accessionNo, {
        first: row,
        entities: [{ cik: row.cik, companyName: row.companyName }],
        ciks: new Set([row.cik]),
      });
      continue;
    }
    if (
      row.formType !== group.first.formType ||
      row.dateFiled !== group.first.dateFiled
    )
      conflicts.push({ row, line });
    if (!group.ciks.has(row.cik)) {
      group.ciks.add(row.cik);
      group.entities.push({ cik: row.cik, companyName: row.companyName });
    }
  }
  const accessions = [...byAccession.values()].map(
    ({ first, entities }): EdgarIndexAccession => ({
      accessionNo: first.accessionNo,
      formType: first.formType,
      dateFiled: first.dateFiled,
      fileName: first.fileName,
      entities,
    }),
  );
  return { accessions, conflicts };
}
