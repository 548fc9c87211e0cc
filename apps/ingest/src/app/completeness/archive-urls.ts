/** `/Archives/edgar/data/<CIK>/<accession without dashes>/` under the archive's base URL. */
function folder(archivesUrl: string, cik: string, accessionNo: string): string {
  const base = archivesUrl.replace(/\/+$/, '');
  return `${base}/Archives/edgar/data/${cik}/${accessionNo.replace(/-/g, '')}/`;
}

/**
 * The URLs of one filing in EDGAR's archive: its SGML header (`<accession>.hdr.sgml`, what the
 * reconciliation reads), full submission and index page (the filing's links).
 *
 * @example
 * archiveUrls('https://www.sec.gov', '1234', '0000950170-20-001234').header;
 * // 'https://www.sec.gov/Archives/edgar/data/1234/000095017020001234/0000950170-20-001234.hdr.sgml'
 */
export function archiveUrls(
  archivesUrl: string,
  cik: string,
  accessionNo: string,
): { header: string; txt: string; index: string } {
  const at = folder(archivesUrl, cik, accessionNo);
  return {
    header: `${at}${accessionNo}.hdr.sgml`,
    txt: `${at}${accessionNo}.txt`,
    index: `${at}${accessionNo}-index.htm`,
  };
}
