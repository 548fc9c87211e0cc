import type { EdgarIndexKind } from './daily-index-path';
import type { EdgarIndexProblem } from './edgar-index-problem';
import type { EdgarIndexAccession, EdgarIndexRow } from './edgar-index-row';
import { groupByAccession } from './group-by-accession';
import { indexLayout } from './index-layout';
import { parseIndexRow } from './parse-index-row';

/** Problems kept in a result at most; `badRows` counts them all. */
export const MAX_INDEX_PROBLEMS = 20;

/** A daily index as read by {@link parseEdgarIndex}. */
export interface EdgarIndex {
  /** Which index the header says this is; undefined when no header was recognized. */
  readonly kind: EdgarIndexKind | undefined;
  /** Rows read (one per entity of a filing). */
  readonly rows: number;
  /** Non-blank lines after the header that were no row. */
  readonly badRows: number;
  /** The filings, one per accession number, in the order of their first row. */
  readonly accessions: readonly EdgarIndexAccession[];
  /** What made no sense, at most {@link MAX_INDEX_PROBLEMS} (the first ones). */
  readonly problems: readonly EdgarIndexProblem[];
}

/**
 * Reads one of EDGAR's daily indexes (`form.YYYYMMDD.idx`, `company.YYYYMMDD.idx`, fixed width;
 * `master.YYYYMMDD.idx`, separated by `|`): the header lines, the column header, a line of
 * dashes, then one row per entity of each filing. Rows are grouped by accession number (taken
 * from the file name `edgar/data/<CIK>/<accession>.txt`), so `accessions.length` counts filings.
 *
 * Never throws. Problems: `INDEX_NOT_TEXT` (not a string), `INDEX_HEADER_MISSING` (no column
 * header and dashes: nothing is read), `INDEX_ROW_INVALID` (a line that is no row; the others
 * are read), `INDEX_ACCESSION_CONFLICT` (an accession listed with two form types or dates; the
 * first row wins).
 *
 * @example
 * const index = parseEdgarIndex(text);
 * index.accessions.length; // filings of the day
 * index.accessions[0];     // { accessionNo, formType, dateFiled, fileName, entities: [{ cik, companyName }] }
 */
export function parseEdgarIndex(text: unknown): EdgarIndex {
  const problems: EdgarIndexProblem[] = [];
  const empty = (problem: EdgarIndexProblem): EdgarIndex => ({
    kind: undefined,
    rows: 0,
    badRows: 0,
    accessions: [],
    problems: [problem],
  });
  if (typeof text !== 'string')
    return empty({
      code: 'INDEX_NOT_TEXT',
      message: `expected the text of a daily index, got ${text === null ? 'null' : typeof text}`,
    });
  const lines = text.split(/\r\n|\r|\n/);
  const header = indexLayout(lines);
  if (!header)
    return empty({
      code: 'INDEX_HEADER_MISSING',
      message:
        'no column header (Form Type, Company Name or CIK|...) above a line of dashes',
    });
  const note = (problem: EdgarIndexProblem) => {
    if (problems.length < MAX_INDEX_PROBLEMS) problems.push(problem);
  };
  const rows: { row: EdgarIndexRow; line: number }[] = [];
  let badRows = 0;
  for (let at = header.firstRow; at < lines.length; at++) {
    if (lines[at].trim() === '') continue;
    const parsed = parseIndexRow(lines[at], header.layout);
    if (parsed.ok) rows.push({ row: parsed.row, line: at + 1 });
    else {
      badRows++;
      note({ code: 'INDEX_ROW_INVALID', message: parsed.reason, line: at + 1 });
    }
  }
  const { accessions, conflicts } = groupByAccession(rows);
  for (const { row, line } of conflicts)
    note({
      code: 'INDEX_ACCESSION_CONFLICT',
      message: `${row.accessionNo} listed as ${row.formType} on ${row.dateFiled}, unlike its first row`,
      line,
    });
  return {
    kind: header.layout.kind,
    rows: rows.length,
    badRows,
    accessions,
    problems,
  };
}
