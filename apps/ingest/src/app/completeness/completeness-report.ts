/**
 * A day's completeness (contracts §7), stored as JSON at `CompletenessKeys.report(date)` and
 * served by the gateway's `GET /api/completeness` (with the progress of a run in progress).
 */
export interface CompletenessReport {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  /** Accessions in EDGAR's daily index of that day (filings, not rows). */
  readonly indexed: number;
  /** How many of them secfeed has (after the reconciliation: late ones included). */
  readonly have: number;
  /** Accessions it still lacks (a publish failed; tried again on the next run). */
  readonly missing: readonly string[];
  /** How many it only got from the reconciliation (published with source `edgar-index`). */
  readonly late: number;
  /** When the day was last reconciled; null before (the index not published yet). */
  readonly checkedAt: string | null;
}

/** The report of a day not reconciled yet. */
export function pendingReport(date: string): CompletenessReport {
  return { date, indexed: 0, have: 0, missing: [], late: 0, checkedAt: null };
}
