/** A day's completeness as `GET /api/completeness` answers it (contracts §7). */
export interface CompletenessReportBody {
  readonly date: string;
  readonly indexed: number;
  readonly have: number;
  readonly missing: readonly string[];
  readonly late: number;
  /**
   * The accession numbers counted in `late` (published by the reconciliation, not by a live
   * source), sorted; an addition to §7, so that the dashboard can list them.
   */
  readonly lateAccessions: readonly string[];
  readonly checkedAt: string | null;
  /**
   * How far a run of that day in progress is, over the accessions of the index (secfeed had
   * `done` of `total`); null when none runs. An addition to §7.
   */
  readonly progress: { readonly done: number; readonly total: number } | null;
}

/**
 * The report ingest stored for `date` (`CompletenessKeys.report`, written by ingest's
 * reconciliation), or, when there is none or it is unreadable, the day not reconciled yet
 * (`checkedAt` null), with the progress of a run in progress (`CompletenessKeys.progress`,
 * null when there is none or it is unreadable), and the accessions published late
 * (`CompletenessKeys.late`). Only the fields of §7, `lateAccessions` and `progress` are answered.
 */
export function storedReport(
  date: string,
  stored: string | null,
  storedProgress: string | null = null,
  lateMembers: readonly string[] = [],
): CompletenessReportBody {
  const progress = readProgress(storedProgress);
  const lateAccessions = [...lateMembers].sort();
  const pending = {
    date,
    indexed: 0,
    have: 0,
    missing: [],
    late: 0,
    lateAccessions,
    checkedAt: null,
    progress,
  };
  if (stored === null) return pending;
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(stored) as Record<string, unknown>;
  } catch {
    return pending;
  }
  const count = (x: unknown) =>
    Number.isInteger(x) && (x as number) >= 0 ? (x as number) : 0;
  return {
    date,
    indexed: count(value['indexed']),
    have: count(value['have']),
    missing: Array.isArray(value['missing'])
      ? value['missing'].filter((a): a is string => typeof a === 'string')
      : [],
    late: count(value['late']),
    lateAccessions,
    checkedAt:
      typeof value['checkedAt'] === 'string' ? value['checkedAt'] : null,
    progress,
  };
}

function readProgress(
  stored: string | null,
): CompletenessReportBody['progress'] {
  if (stored === null) return null;
  try {
    const { done, total } = JSON.parse(stored) as Record<string, unknown>;
    const count = (x: unknown): x is number =>
      Number.isInteger(x) && (x as number) >= 0;
    return count(done) && count(total) && done <= total
      ? { done, total }
      : null;
  } catch {
    return null;
  }
}
