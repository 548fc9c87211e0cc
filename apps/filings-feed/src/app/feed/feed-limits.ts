import { DOCUMENT, InjectionToken, inject } from '@angular/core';

/** How much of the feed one page keeps in memory, so that it can stay open for days. */
export interface FeedLimits {
  /**
   * Most rows in the list. Past it the oldest rows (by acceptance time) are dropped, and older
   * history is no longer paged in (narrow the filters or dates to see further back). While
   * paused, at most this many live filings wait as well: the newest ones. Default
   * {@link DEFAULT_MAX_ROWS}; `<meta name="secfeed-max-rows" content="5000">` in index.html
   * sets it (an integer from {@link MIN_MAX_ROWS} on; anything else keeps the default).
   */
  readonly maxRows: number;
}

/** About four days of EDGAR filings: 20,000 rows. */
export const DEFAULT_MAX_ROWS = 20_000;
/** The smallest bound a deployment may set: two history pages' worth would be too few. */
export const MIN_MAX_ROWS = 1000;
const MAX_ROWS_META = 'secfeed-max-rows';

export const FEED_LIMITS = new InjectionToken<FeedLimits>('FEED_LIMITS', {
  providedIn: 'root',
  factory: () => ({ maxRows: maxRowsFrom(inject(DOCUMENT)) }),
});

/** The `secfeed-max-rows` meta tag's value when valid, else the default (with a warning). */
export function maxRowsFrom(document: Document): number {
  const content = document
    .querySelector(`meta[name="${MAX_ROWS_META}"]`)
    ?.getAttribute('content')
    ?.trim();
  if (!content) return DEFAULT_MAX_ROWS;
  const value = Number(content);
  if (Number.isInteger(value) && value >= MIN_MAX_ROWS) return value;
  console.warn(
    `${MAX_ROWS_META} must be an integer >= ${MIN_MAX_ROWS}, got "${content}": using ${DEFAULT_MAX_ROWS}`,
  );
  return DEFAULT_MAX_ROWS;
}
