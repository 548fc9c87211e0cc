/**
 * Validated filters, normalized once so that matching a filing is a few Set lookups.
 *
 * Tickers and form types are trimmed and upper-case, CIKs are digit strings without leading
 * zeros. An empty set does not constrain. Build one with {@link parseFilingFilters}.
 */
export interface NormalizedFilters {
  readonly tickers: ReadonlySet<string>;
  readonly ciks: ReadonlySet<string>;
  readonly formTypes: ReadonlySet<string>;
  readonly includeAmendments: boolean;
}

/** The JSON form of {@link NormalizedFilters}, as echoed in the gateway's `subscribed` reply. */
export interface FilingFiltersJson {
  tickers: string[];
  ciks: string[];
  formTypes: string[];
  includeAmendments: boolean;
}

/**
 * Sets do not survive JSON.stringify, so the gateway echoes filters through this.
 *
 * @example
 * ```ts
 * socket.send(JSON.stringify({ type: 'subscribed', position, recovered, filters: filtersToJson(filters) }));
 * ```
 */
export function filtersToJson(filters: NormalizedFilters): FilingFiltersJson {
  return {
    tickers: [...filters.tickers],
    ciks: [...filters.ciks],
    formTypes: [...filters.formTypes],
    includeAmendments: filters.includeAmendments,
  };
}
