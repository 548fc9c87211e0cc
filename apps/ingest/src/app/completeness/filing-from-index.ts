import type { EdgarIndexAccession } from '@secfeed/edgar-index';
import {
  acceptanceDateTimeFromHeader,
  itemsFromHeader,
} from '@secfeed/filing-insights';
import { toFiling, type ToFilingResult } from '@secfeed/filing-model';
import type { TickerLookup } from '@secfeed/upstream-sources';
import { archiveUrls } from './archive-urls';
import { easternMidnight } from './eastern-midnight';

/** The CIK of the issuer or subject company, in a tag-style or text-style SGML header. */
const SUBJECT_CIK =
  /(?:<ISSUER>|<SUBJECT-COMPANY>|^ISSUER:|^SUBJECT COMPANY:)[\s\S]*?(?:<CIK>|CENTRAL INDEX KEY:)[ \t]*0*(\d{1,10})/m;

/**
 * The filing the reconciliation publishes for an accession of EDGAR's daily index, with
 * `source` `edgar-index`: form type, date and entities from the index; from the filing's SGML
 * header when it could be fetched, the acceptance time (`filedAt` with its Eastern offset) and
 * the 8-K items (`Item 2.02: Results of Operations and Financial Condition`). Without a header,
 * `filedAt` is 00:00 Eastern of the date filed (the index gives no time). The filer is the
 * header's issuer or subject company when the index lists it, else the index's first entity.
 * The index gives no ticker: the filer's primary ticker and its exchange come from the ticker
 * directory when one is given (else `ticker` is `""`).
 */
export function filingFromIndex(
  accession: EdgarIndexAccession,
  header: string | undefined,
  archivesUrl: string,
  receivedAt: string,
  tickers?: TickerLookup,
): ToFilingResult {
  const subject = header ? SUBJECT_CIK.exec(header)?.[1] : undefined;
  const filer =
    accession.entities.find((entity) => entity.cik === subject) ??
    accession.entities[0];
  const links = archiveUrls(archivesUrl, filer.cik, accession.accessionNo);
  const filedAt =
    (header && acceptanceDateTimeFromHeader(header)) ||
    easternMidnight(accession.dateFiled);
  const items =
    header && /^8-K/i.test(accession.formType)
      ? itemsFromHeader(header).items?.map((item) =>
          `Item ${item.code}: ${item.title}`.trim(),
        )
      : undefined;
  return toFiling(
    {
      accessionNo: accession.accessionNo,
      cik: filer.cik,
      ticker: tickers?.primaryTicker(filer.cik) ?? '',
      exchange: tickers?.exchangeOf(filer.cik) ?? undefined,
      companyName: filer.companyName,
      formType: accession.formType,
      filedAt,
      linkToTxt: links.txt,
      linkToHtml: links.index,
      linkToFilingDetails: links.index,
      entities: accession.entities.map(({ cik, companyName }) => ({
        cik,
        companyName,
      })),
      documentFormatFiles: [],
      dataFiles: [],
      seriesAndClassesContractsInformation: [],
      ...(items && items.length > 0 ? { items } : {}),
    },
    { source: 'edgar-index', receivedAt },
  );
}
