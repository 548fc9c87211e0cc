/** What a client of the gateway received for one accession number, first arrivals. */
interface Arrivals {
  filingAt?: number;
  filings: number;
  insightsAt?: number;
  insights: number;
  ownership: boolean;
  problems: number;
}

/** What {@link ArrivalLog.summary} says about the expected accession numbers. */
export interface ArrivalSummary {
  readonly expected: number;
  /** Distinct expected accession numbers whose `sec_filing` arrived. */
  readonly filings: number;
  readonly insights: number;
  /** Messages beyond the first, per kind, over the expected accession numbers. */
  readonly duplicateFilings: number;
  readonly duplicateInsights: number;
  /** Expected accession numbers with no `sec_filing_insights`. */
  readonly missingInsights: readonly string[];
  /** `sec_filing_insights` that came before their `sec_filing` (never expected). */
  readonly insightsBeforeFiling: number;
  /** Insights carrying an `ownership` table, and insights with `problems`. */
  readonly withOwnership: number;
  readonly withProblems: number;
  /** Per accession with both: insights arrival - filing arrival, ms, in expected order. */
  readonly lagsMs: readonly number[];
  /** First `sec_filing` to last `sec_filing_insights`, ms (NaN when either is missing). */
  readonly spanMs: number;
}

/**
 * Arrival times of `sec_filing` and `sec_filing_insights` per accession number, as a client of
 * the gateway saw them.
 */
export class ArrivalLog {
  private readonly byAccession = new Map<string, Arrivals>();

  filing(accessionNo: string, atMs: number): void {
    const a = this.entry(accessionNo);
    a.filings++;
    a.filingAt ??= atMs;
  }

  insights(accessionNo: string, atMs: number, insights: unknown): void {
    const a = this.entry(accessionNo);
    a.insights++;
    if (a.insightsAt !== undefined) return;
    a.insightsAt = atMs;
    const fields = (insights ?? {}) as Record<string, unknown>;
    a.ownership = typeof fields['ownership'] === 'object';
    a.problems = Array.isArray(fields['problems'])
      ? fields['problems'].length
      : 0;
  }

  /** How many of `accessions` have their insights. */
  insightsOf(accessions: readonly string[]): number {
    return accessions.filter(
      (n) => this.byAccession.get(n)?.insightsAt !== undefined,
    ).length;
  }

  summary(expected: readonly string[]): ArrivalSummary {
    const rows = expected.map((n) => this.byAccession.get(n));
    const has = (a: Arrivals | undefined): a is Arrivals => a !== undefined;
    const seen = rows.filter(has);
    const filingTimes = seen.flatMap((a) => a.filingAt ?? []);
    const insightTimes = seen.flatMap((a) => a.insightsAt ?? []);
    return {
      expected: expected.length,
      filings: filingTimes.length,
      insights: insightTimes.length,
      duplicateFilings: seen.reduce(
        (n, a) => n + Math.max(0, a.filings - 1),
        0,
      ),
      duplicateInsights: seen.reduce(
        (n, a) => n + Math.max(0, a.insights - 1),
        0,
      ),
      missingInsights: expected.filter(
        (_, i) => rows[i]?.insightsAt === undefined,
      ),
      insightsBeforeFiling: seen.filter(
        (a) =>
          a.insightsAt !== undefined &&
          (a.filingAt === undefined || a.insightsAt < a.filingAt),
      ).length,
      withOwnership: seen.filter(
        (a) => a.insightsAt !== undefined && a.ownership,
      ).length,
      withProblems: seen.filter((a) => a.problems > 0).length,
      lagsMs: seen.flatMap((a) =>
        a.filingAt !== undefined && a.insightsAt !== undefined
          ? [a.insightsAt - a.filingAt]
          : [],
      ),
      spanMs:
        filingTimes.length && insightTimes.length
          ? Math.max(...insightTimes) - Math.min(...filingTimes)
          : Number.NaN,
    };
  }

  private entry(accessionNo: string): Arrivals {
    let a = this.byAccession.get(accessionNo);
    if (!a) {
      a = { filings: 0, insights: 0, ownership: false, problems: 0 };
      this.byAccession.set(accessionNo, a);
    }
    return a;
  }
}
