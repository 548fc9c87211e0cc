import { accessionFromFileName } from './accession-from-file-name';
import { isIndexDate } from './daily-index-path';
import type { EdgarIndexRow } from './edgar-index-row';
import type { IndexLayout } from './index-layout';

/**
 * CIK, date filed and file name end every fixed-width row, whatever the order before them.
 * `s`: the lead is any text, U+2028 and U+2029 included (`.` alone stops at them, which made a
 * company name with one, valid UTF-8, an unreadable row and its filing missing).
 */
const FIXED_TAIL =
  /^(.*?\S)\s+(\d{1,10})\s+(\d{8}|\d{4}-\d{2}-\d{2})\s+(\S+)\s*$/s;

/** A row, or why it is not one. */
export type ParsedIndexRow =
  | { readonly ok: true; readonly row: EdgarIndexRow }
  | { readonly ok: false; readonly reason: string };

/** Reads one non-blank line of a daily index laid out as `layout`. Never throws. */
export function parseIndexRow(
  line: string,
  layout: IndexLayout,
): ParsedIndexRow {
  let fields: [string, string, string, string, string] | undefined;
  if (layout.kind === 'master') {
    const parts = line.split('|');
    if (parts.length !== 5)
      return {
        ok: false,
        reason: `expected 5 fields separated by |, got ${parts.length}`,
      };
    const [cik, companyName, formType, date, fileName] = parts.map((p) =>
      p.trim(),
    );
    fields = [formType, companyName, cik, date, fileName];
  } else {
    const match = FIXED_TAIL.exec(line);
    if (!match)
      return {
        ok: false,
        reason: 'no CIK, date filed and file name at the end',
      };
    const [, lead, cik, date, fileName] = match;
    const [first, second] = splitLead(
      lead,
      layout.kind === 'form' ? layout.nameColumn : layout.formColumn,
    );
    fields =
      layout.kind === 'form'
        ? [first, second, cik, date, fileName]
        : [second, first, cik, date, fileName];
  }
  return checkRow(...fields);
}

/**
 * Splits the two text columns at the header's column. A first column that overruns it (no
 * space just before the column) is split at its first run of two or more spaces instead.
 */
function splitLead(lead: string, column: number): [string, string] {
  if (lead.length > column && lead[column - 1] === ' ')
    return [lead.slice(0, column).trim(), lead.slice(column).trim()];
  const gap = /\s{2,}/.exec(lead);
  return gap
    ? [lead.slice(0, gap.index).trim(), lead.slice(gap.index).trim()]
    : [lead.trim(), ''];
}

function checkRow(
  formType: string,
  companyName: string,
  cik: string,
  date: string,
  fileName: string,
): ParsedIndexRow {
  if (!formType) return { ok: false, reason: 'no form type' };
  if (!companyName) return { ok: false, reason: 'no company name' };
  if (!/^\d{1,10}$/.test(cik))
    return {
      ok: false,
      reason: `CIK "${cik.slice(0, 20)}" is not 1 to 10 digits`,
    };
  const dateFiled =
    date.length === 8
      ? `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}`
      : date;
  if (!isIndexDate(dateFiled))
    return {
      ok: false,
      reason: `date filed "${date.slice(0, 20)}" is no date`,
    };
  const file = accessionFromFileName(fileName);
  if (!file)
    return {
      ok: false,
      reason: `file name "${fileName.slice(0, 80)}" is not edgar/data/<CIK>/<accession>.txt`,
    };
  return {
    ok: true,
    row: {
      accessionNo: file.accessionNo,
      formType,
      cik: cik.replace(/^0+(?=\d)/, ''),
      companyName,
      dateFiled,
      fileName,
    },
  };
}
