import type { Filing } from '@secfeed/filing-model';

/**
 * A filing received as JSON (REST or a `sec_filing` message), checked for the fields the
 * dashboard cannot do without and completed where the wire may omit things: arrays default to
 * `[]`, `filedAtMs` is derived from `filedAt`. Returns `null` for anything unusable, so one bad
 * object never breaks the list. The gateway has validated the rest already.
 */
export function toWireFiling(data: unknown): Filing | null {
  if (typeof data !== 'object' || data === null) return null;
  const raw = data as Partial<Record<keyof Filing, unknown>>;
  if (
    typeof raw.accessionNo !== 'string' ||
    typeof raw.filedAt !== 'string' ||
    typeof raw.formType !== 'string'
  ) {
    return null;
  }
  const filedAtMs = Date.parse(raw.filedAt);
  if (Number.isNaN(filedAtMs)) return null;
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  return {
    ...(raw as Filing),
    cik: typeof raw.cik === 'string' ? raw.cik : '',
    ticker: typeof raw.ticker === 'string' ? raw.ticker : '',
    companyName:
      typeof raw.companyName === 'string' ? raw.companyName : '(unknown)',
    filedAtMs,
    entities: list(raw.entities),
    documentFormatFiles: list(raw.documentFormatFiles),
    dataFiles: list(raw.dataFiles),
    seriesAndClassesContractsInformation: list(
      raw.seriesAndClassesContractsInformation,
    ),
  };
}
