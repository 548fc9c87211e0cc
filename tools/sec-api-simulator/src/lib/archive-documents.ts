import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findDataFile } from '@secfeed/service-runtime';
import type { WireFiling } from './replay-day';

/** Real EDGAR full submissions the simulator serves as EDGAR's archive would. */
export interface ArchiveDocuments {
  /** Accession number → the file of its full submission (`<accession>.txt`). */
  readonly files: ReadonlyMap<string, string>;
  /**
   * A filing (the upstream wire shape) for each submission, its metadata read from the
   * submission's own SGML header, so that a replay can send filings whose documents exist.
   */
  readonly filings: readonly WireFiling[];
}

const ACCESSION = /\d{10}-\d{2}-\d{6}/;
const ARCHIVE_PATH =
  /^\/Archives\/edgar\/data\/(\d{1,10})\/(\d{18})\/(\d{10}-\d{2}-\d{6})\.txt$/;

/**
 * Reads the full submissions (`*fullsub*.txt`, the accession number in the file name) of `dir`,
 * e.g. `../shared/fixtures/edgar/documents`; an absent folder gives none.
 */
export function loadArchiveDocuments(
  dir: string,
  template: WireFiling,
  tickers: Readonly<Record<string, string>> = {},
): ArchiveDocuments {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => /fullsub.*\.txt$/.test(n))
      .sort();
  } catch {
    names = [];
  }
  const files = new Map<string, string>();
  const filings: WireFiling[] = [];
  for (const name of names) {
    const accessionNo = ACCESSION.exec(name)?.[0];
    if (accessionNo === undefined) continue;
    const file = join(dir, name);
    files.set(accessionNo, file);
    const filing = filingOf(readFileSync(file, 'latin1'), template, tickers);
    if (filing?.accessionNo === accessionNo) filings.push(filing);
  }
  return { files, filings };
}

/**
 * The accession number an archive path asks for, when it is a full submission's path
 * (`/Archives/edgar/data/<CIK>/<accession without dashes>/<accession>.txt`, the two forms of
 * the accession number agreeing); undefined otherwise.
 */
export function archivePathAccession(path: string): string | undefined {
  const match = ARCHIVE_PATH.exec(path.split('?')[0]);
  if (!match || match[2] !== match[3].replace(/-/g, '')) return undefined;
  return match[3];
}

/**
 * `day` with `extra` filings inserted, one after every `every` filings of the day from the
 * start, each taking the acceptance time of the filing before it (so that the replay's
 * schedule keeps its order).
 */
export function withExtraFilings(
  day: readonly WireFiling[],
  extra: readonly WireFiling[],
  every: number,
): WireFiling[] {
  const out: WireFiling[] = [];
  let next = 0;
  day.forEach((filing, i) => {
    out.push(filing);
    if ((i + 1) % every === 0 && next < extra.length)
      out.push({ ...extra[next++], filedAt: filing.filedAt });
  });
  return out;
}

/** A filing for a submission: accession, form, and the issuer (else the filer) of its header. */
function filingOf(
  text: string,
  template: WireFiling,
  tickers: Readonly<Record<string, string>>,
): WireFiling | undefined {
  const header = text.slice(0, 20_000);
  const field = (name: string, from = header) =>
    new RegExp(`${name}:[ \\t]*([^\\r\\n]+)`).exec(from)?.[1]?.trim();
  const accessionNo = field('ACCESSION NUMBER');
  const formType = field('CONFORMED SUBMISSION TYPE');
  const block = /\n(ISSUER|SUBJECT COMPANY|FILER):/.exec(header);
  const company = block ? header.slice(block.index) : header;
  const companyName = field('COMPANY CONFORMED NAME', company);
  const cik = field('CENTRAL INDEX KEY', company)?.replace(/^0+(?=\d)/, '');
  if (!accessionNo || !formType || !companyName || !cik) return undefined;
  const folder = `https://www.sec.gov/Archives/edgar/data/${cik}/${accessionNo.replace(/-/g, '')}`;
  // Whatever the template says of its own documents goes (items, period, group members).
  const rest: WireFiling = { ...template };
  for (const own of ['items', 'periodOfReport', 'groupMembers'])
    delete rest[own];
  return {
    ...rest,
    accessionNo,
    formType,
    cik,
    ticker: tickers[cik] ?? '',
    companyName,
    companyNameLong: `${companyName} (Filer)`,
    description: `Form ${formType}`,
    linkToTxt: `${folder}/${accessionNo}.txt`,
    linkToHtml: `${folder}/${accessionNo}-index.htm`,
    linkToFilingDetails: `${folder}/${accessionNo}-index.htm`,
    linkToXbrl: '',
    entities: [{ companyName, cik }],
    documentFormatFiles: [],
    dataFiles: [],
    seriesAndClassesContractsInformation: [],
  };
}

/** The shipped CIK → ticker map (`data/edgar/cik-tickers.json`), or none when not found. */
export function loadTickers(): Record<string, string> {
  try {
    return JSON.parse(
      readFileSync(findDataFile('edgar/cik-tickers.json', __dirname), 'utf8'),
    ) as Record<string, string>;
  } catch {
    return {};
  }
}
