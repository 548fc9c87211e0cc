import type { WireFiling } from '@secfeed/sec-api-simulator';

/** The Form 4 the EDGAR stand-in serves for every burst filing (AAR Corp, issuer CIK 1750). */
export const FORM4_ACCESSION = '0001127602-25-001055';
export const FORM4_FILE = `form4_fullsub_AAR_Garascia_${FORM4_ACCESSION}_S.txt`;
const ISSUER_CIK = '1750';

/** `count` distinct accession numbers of AAR's filer agent in 2026: `0001127602-26-900001`... */
export function burstAccessions(count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => `0001127602-26-${String(900_001 + i).padStart(6, '0')}`,
  );
}

/** A Form 4 of AAR Corp in the sec-api.io wire shape, its links under EDGAR's archive. */
export function form4Filing(
  template: WireFiling,
  accessionNo: string,
  filedAt: string,
): WireFiling {
  const folder = `https://www.sec.gov/Archives/edgar/data/${ISSUER_CIK}/${accessionNo.replace(/-/g, '')}`;
  return {
    ...template,
    accessionNo,
    filedAt,
    formType: '4',
    cik: ISSUER_CIK,
    ticker: 'AIR',
    companyName: 'AAR CORP',
    linkToTxt: `${folder}/${accessionNo}.txt`,
    linkToHtml: `${folder}/${accessionNo}-index.htm`,
    linkToFilingDetails: `${folder}/${accessionNo}-index.htm`,
  };
}

/**
 * What the upstream of replica `replica` (of `replicas`) replays: a 10-K (no insights to read)
 * at the start, then, `leadMs` later, its share of the burst (every `replicas`-th accession
 * number) all filed in the same millisecond, so that the simulator sends them in one frame.
 * The lead lets every replica connect before the burst; with one simulator per replica, every
 * replica publishes, and so reads, its own share.
 */
export function replicaDay(
  template: WireFiling,
  accessions: readonly string[],
  replica: number,
  replicas: number,
  leadMs: number,
): WireFiling[] {
  const start = Date.parse(template.filedAt);
  const lead: WireFiling = {
    ...template,
    accessionNo: `0001127602-26-${String(800_001 + replica).padStart(6, '0')}`,
    formType: '10-K',
  };
  const burstAt = new Date(start + leadMs).toISOString();
  return [
    lead,
    ...accessions
      .filter((_, i) => i % replicas === replica)
      .map((n) => form4Filing(template, n, burstAt)),
  ];
}

/** The full submission `text` with its accession number (both spellings) made `accessionNo`. */
export function withAccession(text: string, accessionNo: string): string {
  return text
    .split(FORM4_ACCESSION)
    .join(accessionNo)
    .split(FORM4_ACCESSION.replace(/-/g, ''))
    .join(accessionNo.replace(/-/g, ''));
}
