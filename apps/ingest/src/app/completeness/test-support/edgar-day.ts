// The real EDGAR day of 2020-03-18 (its whole form.idx) and real SGML headers from the full
// submissions in ../shared/fixtures/edgar/documents, for the completeness specs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const documents = join(
  __dirname,
  '../../../../../../../shared/fixtures/edgar/documents',
);

/** `form.20200318.idx`: 4,084 rows, 2,666 accessions. */
export const FORM_20200318 = readFileSync(
  join(documents, 'daily_form_20200318_full.idx'),
  'latin1',
);

/** The `<SEC-HEADER>` of a full submission in the fixtures, as `<accession>.hdr.sgml` holds it. */
export function fixtureHeader(file: string): string {
  const text = readFileSync(join(documents, file), 'latin1');
  const end = text.indexOf('</SEC-HEADER>');
  return text.slice(text.indexOf('<SEC-HEADER>'), end + '</SEC-HEADER>'.length);
}

/** 3M's 8-K 0000066740-24-000023: accepted 2024-03-08 12:01:45, item 8.01. */
export const HEADER_3M_8K = () =>
  fixtureHeader('8k_fullsub_3M_0000066740-24-000023_item_8.01.txt');
/** AAR's Form 4 0001127602-25-001055: accepted 2025-01-10 16:07:30. */
export const HEADER_AAR_FORM4 = () =>
  fixtureHeader('form4_fullsub_AAR_Garascia_0001127602-25-001055_S.txt');

export const INDEX_PATH_20200318 =
  '/Archives/edgar/daily-index/2020/QTR1/form.20200318.idx';

/** The archive path of an accession's SGML header under the CIK directory of its index row. */
export const headerPath = (cik: string, accessionNo: string) =>
  `/Archives/edgar/data/${cik}/${accessionNo.replace(/-/g, '')}/${accessionNo}.hdr.sgml`;
