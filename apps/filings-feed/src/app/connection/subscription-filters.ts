/**
 * The `filters` of `subscribe_sec_filings` (contracts §3) as the dashboard sends them: only
 * non-empty lists, and `includeAmendments` only when it is false (the gateway's default is true).
 */
export interface SubscriptionFilters {
  tickers?: string[];
  ciks?: string[];
  formTypes?: string[];
  includeAmendments?: false;
  /** The insight filters (docs/protocol.md, "Insight filters"), only when set. */
  items?: string[];
  transactionCodes?: string[];
  minTransactionValue?: number;
  tenb51?: boolean;
  minStakePercent?: number;
}
