import { needsInsights } from '@secfeed/filing-model';
import type { RedisKeys } from '@secfeed/redis-keys';
import { HistoryQuery } from './history-query';

/** Which sorted sets one listing reads, and the `filedAtMs` window it reads them in. */
export interface ScanPlan {
  /** One or more sorted sets, merged in listing order. */
  readonly keys: readonly string[];
  /**
   * True when the sets hold exactly the matching filings, so a loaded document needs no
   * further check; false when the app must test each one (`q`, or filters the sets do not
   * cover).
   */
  readonly exact: boolean;
  /** Inclusive score bounds: `from` or the retention cut-off, whichever is later; `to`. */
  readonly minScore: number;
  readonly maxScore: number;
}

/**
 * Chooses the most selective index dedup maintains for a query, without asking Redis:
 * a company's filings (CIK index or ticker set; whichever list is shorter, the CIK index on a
 * tie because it is never trimmed by count) are far fewer than a form type's, and a form type's
 * far fewer than all. A form type reads its own index and, unless `includeAmendments` is
 * false, the index of `<form>/A` too. Filters the chosen sets do not cover, `q` and the
 * insight filters are checked on the documents.
 *
 * @param cutoffMs - oldest `filedAtMs` served: now minus the retention.
 */
export function planScan(
  query: HistoryQuery,
  keys: RedisKeys,
  cutoffMs: number,
): ScanPlan {
  const { tickers, ciks, formTypes, includeAmendments } = query.filters;
  const given = [tickers, ciks, formTypes].filter((set) => set.size > 0).length;
  const window = {
    minScore: Math.max(query.fromMs ?? -Infinity, cutoffMs),
    maxScore: query.toMs ?? Infinity,
  };
  const plan = (indexKeys: string[], covers: number): ScanPlan => ({
    keys: [...new Set(indexKeys)],
    // No index covers insights: their filters are always checked on the documents.
    exact:
      covers === given &&
      query.q === undefined &&
      !needsInsights(query.filters),
    ...window,
  });
  if (ciks.size > 0 && (tickers.size === 0 || ciks.size <= tickers.size)) {
    return plan([...ciks].map(keys.cik), 1);
  }
  if (tickers.size > 0) return plan([...tickers].map(keys.ticker), 1);
  if (formTypes.size > 0) {
    const forms = [...formTypes].flatMap((form) =>
      includeAmendments ? [form, `${form}/A`] : [form],
    );
    return plan(forms.map(keys.formType), 1);
  }
  return plan([keys.history], 0);
}
