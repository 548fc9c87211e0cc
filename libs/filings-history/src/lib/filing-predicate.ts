import {
  matchesFilters,
  type FilingInsights,
  type MatchableFiling,
} from '@secfeed/filing-model';
import { decodeStoredFiling } from '@secfeed/filing-model/stored';
import { HistoryQuery } from './history-query';

interface Searchable extends MatchableFiling {
  companyName: string;
}

/**
 * The test a stored document must pass when the chosen index does not answer the whole query:
 * the filters as the WebSocket applies them (`matchesFilters`, contracts §3; the insight
 * filters read the document's `insights`, so a filing whose insights are not known yet does
 * not pass them) and `q` as a case-insensitive substring of `companyName`. A document that is not a filing object (never
 * written by dedup) does not match rather than failing the page.
 */
export function createFilingPredicate(
  query: HistoryQuery,
): (document: string) => boolean {
  const { filters, q } = query;
  return (document) => {
    const filing = parseSearchable(document);
    return (
      filing !== undefined &&
      matchesFilters(filing, filters) &&
      (q === undefined || filing.companyName.toLowerCase().includes(q))
    );
  };
}

function parseSearchable(document: string): Searchable | undefined {
  const stored = decodeStoredFiling(document);
  if (!stored.ok) return undefined;
  const { ticker, cik, formType, companyName, insights } = stored.value;
  return ticker !== undefined &&
    cik !== undefined &&
    formType !== undefined &&
    companyName !== undefined
    ? // matchesFilters checks the shape of what it reads in the insights.
      {
        ticker,
        cik,
        formType,
        companyName,
        insights: insights as FilingInsights,
      }
    : undefined;
}
