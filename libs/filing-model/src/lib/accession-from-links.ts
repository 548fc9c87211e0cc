import { ACCESSION_NO } from './filing';

/** `0000320193-25-000079` in a file name, or `000032019325000079` as a folder of the path. */
const DASHED = /(?:^|\/)(\d{10}-\d{2}-\d{6})(?:[.\-/]|$)/;
const FOLDER = /\/(\d{10})(\d{2})(\d{6})(?:\/|$)/;

/**
 * The accession number an EDGAR link names, for old sec-api.io objects that carry the links but
 * no `accessionNo`: from `linkToTxt` (`.../0001193125-20-012345.txt`) or the filing's folder in
 * `linkToHtml` or `linkToFilingDetails` (`.../000119312520012345/...`).
 *
 * @returns the accession number, or undefined when no link names one.
 * @example
 * ```ts
 * accessionFromLinks({ linkToTxt: 'https://www.sec.gov/Archives/edgar/data/320193/000032019320000096/0000320193-20-000096.txt' });
 * // '0000320193-20-000096'
 * ```
 */
export function accessionFromLinks(
  raw: Readonly<Record<string, unknown>>,
): string | undefined {
  for (const field of ['linkToTxt', 'linkToHtml', 'linkToFilingDetails']) {
    const link = raw[field];
    if (typeof link !== 'string' || link.length > 2048) continue;
    const path = link.split(/[?#]/, 1)[0];
    const dashed = DASHED.exec(path)?.[1];
    if (dashed && ACCESSION_NO.test(dashed)) return dashed;
    const folder = FOLDER.exec(path);
    if (folder) return `${folder[1]}-${folder[2]}-${folder[3]}`;
  }
  return undefined;
}
