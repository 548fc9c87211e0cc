import { Expose, Transform } from 'class-transformer';
import { IsDefined, IsIn, IsNotEmpty, Matches } from 'class-validator';
import { WireCik } from './cik';
import { FilingDocumentFile } from './filing-document-file';
import { FilingEntity } from './filing-entity';
import { FILING_LIMITS } from './filing-limits';
import { FilingSeries } from './filing-series';
import { edgarFilingDate } from './edgar-filing-date';
import { IsIsoDateTime, parseIsoDateTime } from './iso-date-time';
import {
  WireObjectArray,
  WireString,
  WireStringArray,
} from './wire-decorators';

const { shortString, name, text, url, arrayItems, items } = FILING_LIMITS;

/**
 * Where a filing came from: the sec-api.io stream, EDGAR's feed, a recorded replay, or the
 * reconciliation with EDGAR's daily index (contracts §7).
 */
export type FilingSource = 'sec-api' | 'edgar' | 'replay' | 'edgar-index';

/** The shape of an accession number, e.g. `0000320193-25-000079` (internal: the fast path shares it). */
export const ACCESSION_NO = /^\d{10}-\d{2}-\d{6}$/;

/** The sources a filing may name, in the order the docs list them. */
export const FILING_SOURCES: readonly FilingSource[] = [
  'sec-api',
  'edgar',
  'replay',
  'edgar-index',
];

/**
 * A normalized SEC filing: the sec-api.io filing object (contracts §1) plus where and when we
 * got it. This is the `data` of every `sec_filing` message and of the REST API.
 *
 * Build one with {@link toFiling}, never with `new`: the constructor neither validates nor
 * normalizes. Normalization: `ticker` upper-case (may be `""`), `exchange` verbatim, `cik` without leading zeros,
 * `formType` trimmed, `filedAt` kept verbatim with `filedAtMs` derived from it, absent arrays
 * become `[]`, unknown keys are dropped. Caps are those of {@link FILING_LIMITS}.
 *
 * @example
 * ```ts
 * const result = toFiling(raw, { source: 'sec-api', receivedAt: new Date().toISOString() });
 * if (result.ok) console.log(result.filing.accessionNo, result.filing.filedAtMs);
 * ```
 */
export class Filing {
  /** sec-api.io's internal id; not the identity (see `accessionNo`). */
  @WireString(shortString, { optional: true })
  id?: string;

  /** The identity of a filing, e.g. `0000320193-25-000079`. Required. */
  @Matches(ACCESSION_NO, {
    message: 'must look like 0000320193-25-000079',
  })
  @WireString(shortString)
  accessionNo!: string;

  /** Filer CIK without leading zeros. Required. */
  @WireCik()
  @WireString(shortString)
  cik!: string;

  /** Upper-case ticker, or `""` when the filer has none (absent or null also become `""`). */
  @WireString(shortString)
  @Transform(({ value }) =>
    typeof value === 'string' ? value.toUpperCase() : (value ?? ''),
  )
  ticker!: string;

  /**
   * Where the filer's primary listing trades, as the SEC names it (`Nasdaq`, `NYSE`, `CBOE`,
   * `OTC`...), kept verbatim. Absent when unknown or when the filer is not listed (null too).
   * Ingest sets it from its ticker directory; sec-api.io sends none.
   */
  @WireString(shortString, { optional: true })
  exchange?: string;

  /** Required, not empty. */
  @IsNotEmpty({ message: 'must not be empty' })
  @WireString(name)
  companyName!: string;

  @WireString(name, { optional: true })
  companyNameLong?: string;

  /** Trimmed form type as EDGAR names it, e.g. `10-K`, `10-K/A`, `4`. Required. */
  @IsNotEmpty({ message: 'must not be empty' })
  @WireString(shortString)
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  formType!: string;

  @WireString(text, { optional: true })
  description?: string;

  /** Acceptance time as sent, ISO 8601 with the Eastern offset. Required. */
  @IsIsoDateTime(false)
  @WireString(shortString)
  filedAt!: string;

  /** `Date.parse(filedAt)`, derived on the way in; any value sent upstream is ignored. */
  @Expose()
  @Transform(({ obj }) =>
    parseIsoDateTime((obj as { filedAt?: unknown }).filedAt),
  )
  filedAtMs!: number;

  /**
   * The filing date EDGAR assigns (`YYYY-MM-DD`), derived from `filedAt` and the form: a filing
   * accepted after the day's cut-off or on a holiday is filed the next business day.
   */
  @Expose()
  @Transform(({ obj }) => filingDateOf(obj))
  filingDate!: string;

  @WireString(url, { optional: true })
  linkToTxt?: string;

  @WireString(url, { optional: true })
  linkToHtml?: string;

  /** Often `""`. */
  @WireString(url, { optional: true })
  linkToXbrl?: string;

  @WireString(url, { optional: true })
  linkToFilingDetails?: string;

  @WireObjectArray(() => FilingEntity, arrayItems)
  entities!: FilingEntity[];

  @WireObjectArray(() => FilingDocumentFile, arrayItems)
  documentFormatFiles!: FilingDocumentFile[];

  @WireObjectArray(() => FilingDocumentFile, arrayItems)
  dataFiles!: FilingDocumentFile[];

  @WireObjectArray(() => FilingSeries, arrayItems)
  seriesAndClassesContractsInformation!: FilingSeries[];

  /** 8-K items, e.g. `Item 2.02: Results of Operations...`; absent for most forms. */
  @WireStringArray(items, text, { optional: true })
  items?: string[];

  /** Group members of a Schedule 13D/G; absent for most forms. */
  @WireStringArray(arrayItems, text, { optional: true })
  groupMembers?: string[];

  /** `YYYY-MM-DD` as sent; not parsed, since some forms carry odd values. */
  @WireString(shortString, { optional: true })
  periodOfReport?: string;

  @WireString(shortString, { optional: true })
  effectivenessDate?: string;

  @Expose()
  @IsDefined({ message: 'is required' })
  @IsIn(FILING_SOURCES, {
    message: `must be one of ${FILING_SOURCES.join(', ')}`,
  })
  source!: FilingSource;

  /** When our ingest received the filing, ISO 8601 UTC. */
  @IsIsoDateTime(true)
  @WireString(shortString)
  receivedAt!: string;
}

/** The wire shape of a filing object as sec-api.io sends it. */
export type RawFiling = Omit<
  Filing,
  'source' | 'receivedAt' | 'filedAtMs' | 'filingDate'
>;

function filingDateOf(obj: { filedAt?: unknown; formType?: unknown }) {
  const ms = parseIsoDateTime(obj.filedAt);
  return ms === undefined
    ? undefined
    : edgarFilingDate(ms, typeof obj.formType === 'string' ? obj.formType : '');
}
