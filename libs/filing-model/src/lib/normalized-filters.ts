/**
 * Validated filters, normalized once so that matching a filing is a few Set lookups.
 *
 * Tickers, form types and transaction codes are trimmed and upper-case, CIKs are digit strings
 * without leading zeros. An empty set does not constrain. The insight filters (`items` to
 * `minStakePercent`) are absent when not given, so filters without them stay what they were
 * before insights existed. Build one with {@link parseFilingFilters}.
 */
export interface NormalizedFilters {
  readonly tickers: ReadonlySet<string>;
  readonly ciks: ReadonlySet<string>;
  readonly formTypes: ReadonlySet<string>;
  readonly includeAmendments: boolean;
  /** 8-K item codes (`2.02`); absent or empty does not constrain. */
  readonly items?: ReadonlySet<string>;
  /** Ownership transaction codes (`P`, `S`...); absent or empty does not constrain. */
  readonly transactionCodes?: ReadonlySet<string>;
  /** Least shares x price (USD) of one ownership transaction. */
  readonly minTransactionValue?: number;
  /** Whether the ownership filing must (true) or must not (false) be under a 10b5-1 plan. */
  readonly tenb51?: boolean;
  /** Least percent of class of a Schedule 13D or 13G. */
  readonly minStakePercent?: number;
}

/** The JSON form of {@link NormalizedFilters}, as echoed in the gateway's `subscribed` reply. */
export interface FilingFiltersJson {
  tickers: string[];
  ciks: string[];
  formTypes: string[];
  includeAmendments: boolean;
  items?: string[];
  transactionCodes?: string[];
  minTransactionValue?: number;
  tenb51?: boolean;
  minStakePercent?: number;
}

/**
 * Whether `filters` hold any filter that only a filing's insights can satisfy (contracts §6):
 * such filters never match a filing without `insights`.
 */
export function needsInsights(filters: NormalizedFilters): boolean {
  return (
    (filters.items?.size ?? 0) > 0 ||
    (filters.transactionCodes?.size ?? 0) > 0 ||
    filters.minTransactionValue !== undefined ||
    filters.tenb51 !== undefined ||
    filters.minStakePercent !== undefined
  );
}

/**
 * Sets do not survive JSON.stringify, so the gateway echoes filters through this. The insight
 * filters appear only when given.
 *
 * @example
 * ```ts
 * socket.send(JSON.stringify({ type: 'subscribed', position, recovered, filters: filtersToJson(filters) }));
 * ```
 */
export function filtersToJson(filters: NormalizedFilters): FilingFiltersJson {
  const json: FilingFiltersJson = {
    tickers: [...filters.tickers],
    ciks: [...filters.ciks],
    formTypes: [...filters.formTypes],
    includeAmendments: filters.includeAmendments,
  };
  if (filters.items?.size) json.items = [...filters.items];
  if (filters.transactionCodes?.size)
    json.transactionCodes = [...filters.transactionCodes];
  if (filters.minTransactionValue !== undefined)
    json.minTransactionValue = filters.minTransactionValue;
  if (filters.tenb51 !== undefined) json.tenb51 = filters.tenb51;
  if (filters.minStakePercent !== undefined)
    json.minStakePercent = filters.minStakePercent;
  return json;
}
