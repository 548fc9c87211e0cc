/**
 * EDGAR's index page of a filing known only by its accession number: under the CIK the number
 * starts with (the submitter's), which EDGAR serves for every filing that CIK submitted.
 *
 * @example edgarFilingUrl('0000320193-25-000079')
 * // 'https://www.sec.gov/Archives/edgar/data/320193/000032019325000079/0000320193-25-000079-index.htm'
 */
export function edgarFilingUrl(accessionNo: string): string {
  const cik = String(Number(accessionNo.slice(0, 10)));
  const folder = accessionNo.replace(/-/g, '');
  return `https://www.sec.gov/Archives/edgar/data/${cik}/${folder}/${accessionNo}-index.htm`;
}
