import type { Filing } from '@secfeed/filing-model';
import { toStoredFiling } from '@secfeed/filing-model/stored';

/**
 * A filing received as JSON (REST or a `sec_filing` message: the stored document, read with the
 * stored format's own reader), checked for the fields the dashboard cannot do without and
 * completed where the wire may omit things: arrays default to `[]`, `filedAtMs` is derived from
 * `filedAt`, an `exchange` that is not a non-empty string is left out (filings stored before it
 * have none). Returns `null` for anything unusable, so one bad object never breaks the list. The
 * gateway has validated the rest already.
 */
export function toWireFiling(data: unknown): Filing | null {
  const stored = toStoredFiling(data);
  if (!stored.ok) return null;
  const { document, accessionNo, filedAt, formType } = stored.value;
  if (
    accessionNo === undefined ||
    filedAt === undefined ||
    formType === undefined
  ) {
    return null;
  }
  const filedAtMs = Date.parse(filedAt);
  if (Number.isNaN(filedAtMs)) return null;
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  const { exchange, ...rest } = document;
  return {
    ...(rest as unknown as Filing),
    ...(typeof exchange === 'string' && exchange !== '' ? { exchange } : {}),
    cik: stored.value.cik ?? '',
    ticker: stored.value.ticker ?? '',
    companyName: stored.value.companyName ?? '(unknown)',
    filedAtMs,
    entities: list(document['entities']),
    documentFormatFiles: list(document['documentFormatFiles']),
    dataFiles: list(document['dataFiles']),
    seriesAndClassesContractsInformation: list(
      document['seriesAndClassesContractsInformation'],
    ),
  };
}
