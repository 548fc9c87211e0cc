import type { Filing } from '@secfeed/filing-model';

const ACCESSION = /^\d{10}-\d{2}-\d{6}$/;
const ARCHIVE_CIK = /\/Archives\/edgar\/data\/0*(\d{1,10})\//;

/**
 * The URL of a filing's full submission, `<accession>.txt`, in EDGAR's archive at
 * `archivesUrl`: `/Archives/edgar/data/<CIK>/<accession without dashes>/<accession>.txt`.
 *
 * The CIK is the one of the filing's own links (`linkToTxt`, `linkToHtml`,
 * `linkToFilingDetails`): EDGAR files a submission under the filer agent's or the reporting
 * owner's directory as well as the issuer's, and the links name one that holds it. Without a
 * link, the filing's `cik` (leading zeros dropped).
 *
 * @returns the URL, or undefined when the accession number is not EDGAR's `##########-##-######`
 *   or no CIK is known (nothing to fetch).
 * @example
 * submissionUrl('https://www.sec.gov', filing);
 * // 'https://www.sec.gov/Archives/edgar/data/320193/000032019325000079/0000320193-25-000079.txt'
 */
export function submissionUrl(
  archivesUrl: string,
  filing: Pick<Filing, 'accessionNo' | 'cik'> &
    Partial<Pick<Filing, 'linkToTxt' | 'linkToHtml' | 'linkToFilingDetails'>>,
): string | undefined {
  const { accessionNo } = filing;
  if (!ACCESSION.test(accessionNo)) return undefined;
  const cik = cikOf(filing);
  if (cik === undefined) return undefined;
  const base = archivesUrl.replace(/\/+$/, '');
  return `${base}/Archives/edgar/data/${cik}/${accessionNo.replace(/-/g, '')}/${accessionNo}.txt`;
}

function cikOf(
  filing: Parameters<typeof submissionUrl>[1],
): string | undefined {
  for (const link of [
    filing.linkToTxt,
    filing.linkToHtml,
    filing.linkToFilingDetails,
  ]) {
    const match = typeof link === 'string' ? ARCHIVE_CIK.exec(link) : null;
    if (match) return match[1];
  }
  const digits = /^\d{1,10}$/.test(filing.cik ?? '') ? filing.cik : undefined;
  return digits === undefined ? undefined : digits.replace(/^0+(?=\d)/, '');
}
