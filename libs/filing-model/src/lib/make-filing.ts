import { Filing, RawFiling } from './filing';
import { FilingMeta, toFiling } from './to-filing';

// Per module instance, so each jest test file starts again at 1: ids are unique within a
// file and the same from run to run.
let sequence = 0;

/** 2025-01-02T09:30:00-05:00, the market open; each built filing is one second later. */
const FIRST_FILED_AT_MS = Date.UTC(2025, 0, 2, 14, 30, 0);
const EASTERN_OFFSET_MS = 5 * 60 * 60 * 1000;

/** `0009999999-YY-NNNNNN`: a filer-agent id no real filer has, unique for 100 million calls. */
function accessionNoFor(n: number): string {
  const year = String(25 + Math.floor(n / 1_000_000))
    .padStart(2, '0')
    .slice(-2);
  return `0009999999-${year}-${String(n % 1_000_000).padStart(6, '0')}`;
}

/** ISO 8601 with the -05:00 offset, as sec-api.io writes filedAt. */
function easternIso(ms: number): string {
  return `${new Date(ms - EASTERN_OFFSET_MS).toISOString().slice(0, 19)}-05:00`;
}

/**
 * A valid sec-api.io filing object (wire shape) for tests: an 8-K of "Acme Corp" (CIK
 * 1999999, ticker ACME) with a unique accession number and a `filedAt` one second after the
 * previous call's. `overrides` replace top-level keys as given, with no validation, so tests
 * can also build invalid input from it.
 *
 * @example
 * ```ts
 * const frame = JSON.stringify([makeRawFiling({ formType: '10-K' }), makeRawFiling({ cik: 'x' })]);
 * ```
 */
export function makeRawFiling(overrides: Partial<RawFiling> = {}): RawFiling {
  sequence += 1;
  const accessionNo = accessionNoFor(sequence);
  const folder = `https://www.sec.gov/Archives/edgar/data/1999999/${accessionNo.replace(/-/g, '')}`;
  return {
    id: `test-${sequence}`,
    accessionNo,
    cik: '1999999',
    ticker: 'ACME',
    companyName: 'Acme Corp',
    companyNameLong: 'Acme Corp (Filer)',
    formType: '8-K',
    description: 'Form 8-K - Current report',
    filedAt: easternIso(FIRST_FILED_AT_MS + sequence * 1000),
    linkToTxt: `${folder}/${accessionNo}.txt`,
    linkToHtml: `${folder}/${accessionNo}-index.htm`,
    linkToXbrl: '',
    linkToFilingDetails: `${folder}/acme-8k.htm`,
    entities: [
      {
        companyName: 'Acme Corp (Filer)',
        cik: '1999999',
        type: '8-K',
        act: '34',
      },
    ],
    documentFormatFiles: [
      {
        sequence: '1',
        description: '8-K',
        documentUrl: `${folder}/acme-8k.htm`,
        type: '8-K',
        size: '12345',
      },
    ],
    dataFiles: [],
    seriesAndClassesContractsInformation: [],
    items: ['Item 8.01: Other Events'],
    periodOfReport: '2025-01-02',
    ...overrides,
  };
}

/**
 * A valid, normalized {@link Filing} for tests: {@link makeRawFiling} run through
 * {@link toFiling}, so overrides are normalized too (`ticker: 'acme'` gives `ACME`). `source`
 * defaults to `replay`, `receivedAt` to one second after `filedAt`.
 *
 * @throws Error listing the reasons when the overrides make the filing invalid; build invalid
 * input with makeRawFiling instead.
 * @example
 * ```ts
 * const filing = makeFiling({ ticker: 'AAPL', formType: '10-K/A' });
 * expect(matchesFilters(filing, filters)).toBe(true);
 * ```
 */
export function makeFiling(
  overrides: Partial<RawFiling> & Partial<FilingMeta> = {},
): Filing {
  const { source = 'replay', receivedAt, ...wire } = overrides;
  const raw = makeRawFiling(wire);
  const filedAtMs = Date.parse(raw.filedAt);
  const meta: FilingMeta = {
    source,
    receivedAt:
      receivedAt ??
      new Date(
        (Number.isNaN(filedAtMs) ? FIRST_FILED_AT_MS : filedAtMs) + 1000,
      ).toISOString(),
  };
  const result = toFiling(raw, meta);
  if (!result.ok) {
    throw new Error(
      `makeFiling overrides make an invalid filing: ${JSON.stringify(result.reasons)}`,
    );
  }
  return result.filing;
}
