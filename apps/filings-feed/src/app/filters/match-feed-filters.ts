import type { Filing } from '@secfeed/filing-model';
import { matchesFilters } from '@secfeed/filing-model/filters';
import { easternDate } from '../shared/eastern-time';
import { toNormalizedFilters, type FeedFilters } from './feed-filters';

/**
 * A predicate for the rows already shown: the gateway's own matching (`matchesFilters` of
 * `@secfeed/filing-model`: tickers, CIKs, form types with amendments) plus the company search
 * and the Eastern date range, which only REST applies server-side.
 */
export function feedFilterPredicate(
  filters: FeedFilters,
): (filing: Filing) => boolean {
  const normalized = toNormalizedFilters(filters);
  const q = filters.q.trim().toLowerCase();
  const { from, to } = filters;
  return (filing) => {
    if (!matchesFilters(filing, normalized)) return false;
    if (q && !companyText(filing).includes(q)) return false;
    if (from || to) {
      const day = easternDate(filing.filedAtMs);
      if ((from && day < from) || (to && day > to)) return false;
    }
    return true;
  };
}

function companyText(filing: Filing): string {
  return `${filing.companyName} ${filing.companyNameLong ?? ''}`.toLowerCase();
}
