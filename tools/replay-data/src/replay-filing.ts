import { acceptanceSecond, easternIso } from './acceptance-times';
import { MasterIndexRow } from './master-index';

/** A filing in the sec-api.io wire shape (contracts.md §1), as the replay and simulator send it. */
export interface ReplayFiling {
  accessionNo: string;
  cik: string;
  ticker: string;
  companyName: string;
  companyNameLong: string;
  formType: string;
  description: string;
  filedAt: string;
  linkToTxt: string;
  linkToHtml: string;
  linkToXbrl: string;
  linkToFilingDetails: string;
  entities: Array<{ companyName: string; cik: string }>;
  documentFormatFiles: never[];
  dataFiles: never[];
  seriesAndClassesContractsInformation: never[];
}

/** SEC descriptions of the most common forms, in sec-api.io's `Form X - ...` style. */
const DESCRIPTIONS: Record<string, string> = {
  '3': 'Initial statement of beneficial ownership of securities',
  '4': 'Statement of changes in beneficial ownership of securities',
  '5': 'Annual statement of changes in beneficial ownership of securities',
  '8-K': 'Current report',
  '10-K': 'Annual report [Section 13 and 15(d), not S-K Item 405]',
  '10-Q': 'Quarterly report [Sections 13 or 15(d)]',
  'SC 13D': 'General statement of acquisition of beneficial ownership',
  'SC 13G': 'Statement of acquisition of beneficial ownership by individuals',
  'S-1':
    'General form for registration of securities under the Securities Act of 1933',
  '424B2': 'Prospectus [Rule 424(b)(2)]',
  '424B3': 'Prospectus [Rule 424(b)(3)]',
  FWP: 'Filing under Securities Act Rule 163/433 of free writing prospectuses',
  D: 'Notice of Exempt Offering of Securities',
  '6-K': 'Current report of foreign issuer pursuant to Rules 13a-16 and 15d-16',
  CORRESP: 'Correspondence',
  'N-CSR':
    'Certified Shareholder Report of Registered Management Investment Companies',
};

function describe(formType: string): string {
  const amended = formType.endsWith('/A');
  const base = amended ? formType.slice(0, -2) : formType;
  const text = DESCRIPTIONS[base];
  const label = text ? `Form ${formType} - ${text}` : `Form ${formType}`;
  return amended && text ? `${label} [amend]` : label;
}

/**
 * Turns the index rows of one accession (one row per entity) into one filing accepted on `day`
 * (`YYYYMMDD`, the index's dissemination day: some rows carry an older "Date Filed", such as
 * correspondence released today). The primary entity is the one with a ticker (for insider
 * forms, the issuer rather than the reporting person); without any ticker, the first row.
 */
export function toReplayFiling(
  rows: MasterIndexRow[],
  tickers: Record<string, string>,
  random: () => number,
  day: string,
): ReplayFiling {
  const primary = rows.find((r) => tickers[r.cik]) ?? rows[0];
  const { accessionNo, cik, companyName, formType } = primary;
  const folder = `https://www.sec.gov/Archives/edgar/data/${cik}/${accessionNo.replace(/-/g, '')}`;
  const index = `${folder}/${accessionNo}-index.htm`;
  return {
    accessionNo,
    cik,
    ticker: tickers[cik] ?? '',
    companyName,
    companyNameLong: `${companyName} (Filer)`,
    formType,
    description: describe(formType),
    filedAt: easternIso(day, acceptanceSecond(formType, random)),
    linkToTxt: `https://www.sec.gov/Archives/edgar/data/${cik}/${accessionNo}.txt`,
    linkToHtml: index,
    linkToXbrl: '',
    linkToFilingDetails: index,
    entities: rows.map((r) => ({ companyName: r.companyName, cik: r.cik })),
    documentFormatFiles: [],
    dataFiles: [],
    seriesAndClassesContractsInformation: [],
  };
}
