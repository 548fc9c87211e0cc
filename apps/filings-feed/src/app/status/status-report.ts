/** One source's day, as `GET /api/sources` answers it (docs/rest.md). */
export interface SourceDay {
  readonly source: string;
  readonly first: number;
  readonly duplicates: number;
  /** Upper bounds of the lag buckets holding p50 and p90, seconds; null: none, or over an hour. */
  readonly lagSeconds: {
    readonly p50: number | null;
    readonly p90: number | null;
  };
}

/** `GET /api/sources`. */
export interface SourcesReport {
  readonly date: string;
  readonly sources: readonly SourceDay[];
}

/** `GET /api/completeness` (contracts §7). `checkedAt` null: not reconciled yet. */
export interface CompletenessReport {
  readonly date: string;
  readonly indexed: number;
  readonly have: number;
  readonly missing: readonly string[];
  readonly late: number;
  /** The accessions counted in `late`, sorted (absent from an older gateway). */
  readonly lateAccessions?: readonly string[];
  readonly checkedAt: string | null;
  /**
   * A reconciliation (or backfill) of the day in progress: accessions of the index handled so
   * far and in all; null or absent when none runs (docs/completeness.md).
   */
  readonly progress?: { readonly done: number; readonly total: number } | null;
}
