import { seenAccessions } from '@secfeed/dedup';
import {
  dailyIndexPath,
  isIndexDate,
  parseEdgarIndex,
  type EdgarIndexAccession,
} from '@secfeed/edgar-index';
import type { Filing } from '@secfeed/filing-model';
import { fetchFromArchive, type ArchiveFetchDeps } from './archive-fetch';
import { archiveUrls } from './archive-urls';
import { pendingReport, type CompletenessReport } from './completeness-report';
import { withDayLock } from './day-lock';
import { filingFromIndex } from './filing-from-index';
import { RECONCILE_DEFAULTS, type ReconcileDeps } from './reconcile-options';
import { reportProgress, type ProgressDeps } from './reconcile-progress';

/** Stable codes of a reconciliation that could not be done (docs/completeness.md). */
export type ReconcileFailureCode =
  | 'DATE_INVALID'
  | 'DATE_PAST_RETENTION'
  | 'INDEX_UNAVAILABLE'
  | 'INDEX_MALFORMED'
  | 'REDIS_UNAVAILABLE';

/** What one {@link reconcileDay} came to; never thrown. */
export type ReconcileOutcome =
  | { readonly kind: 'reconciled'; readonly report: CompletenessReport }
  /** EDGAR answered 404: the index is not published yet (asked for again later). */
  | { readonly kind: 'not-published'; readonly report: CompletenessReport }
  /** Another run of that day holds the lock. */
  | { readonly kind: 'busy' }
  /** Ingest stopped, or the day's lock was lost (another run may continue the day). */
  | { readonly kind: 'stopped' }
  | {
      readonly kind: 'failed';
      readonly code: ReconcileFailureCode;
      readonly message: string;
    };

const DAY_MS = 86_400_000;
/** Filings published per round trip: a killed run loses at most this many fetches, and progress moves. */
const PUBLISH_BATCH = 20;

/**
 * Reconciles one day with EDGAR's daily index (contracts §7): under the day's lock, reads
 * `form.YYYYMMDD.idx` within the shared fair-access budget, asks dedup which accessions secfeed
 * has, publishes each missing one (`source` `edgar-index`, built from the index row and the
 * filing's SGML header) through dedup, so exactly once whoever else publishes it, and stores the
 * day's report. Running it again publishes nothing more. Never throws.
 *
 * It is also the backfill of a past day (a fresh install, a long outage): progress is shown
 * after each batch ({@link reportProgress}), and a run killed midway frees the day within the
 * lock's TTL; the next run carries on, what was published being seen by dedup.
 */
export async function reconcileDay(
  date: string,
  deps: ReconcileDeps,
): Promise<ReconcileOutcome> {
  const now = deps.now ?? Date.now;
  if (!isIndexDate(date))
    return fail(deps, 'DATE_INVALID', `not a YYYY-MM-DD date: ${date}`);
  // Seen-marks live as long as the retention: past it, "missing" would mean "forgotten".
  if (Date.parse(`${date}T00:00:00Z`) + 2 * DAY_MS < now() - deps.retentionMs)
    return fail(
      deps,
      'DATE_PAST_RETENTION',
      `${date} is older than the retention; secfeed cannot tell what it had`,
    );
  const ttlMs = deps.lockTtlMs ?? RECONCILE_DEFAULTS.lockTtlMs;
  try {
    const run = await withDayLock(
      deps.redis,
      deps.completenessKeys.lock(date),
      ttlMs,
      async (lockLost) => {
        const signal = deps.signal
          ? AbortSignal.any([deps.signal, lockLost])
          : lockLost;
        const outcome = await reconcileLocked(date, deps, signal);
        if (outcome.kind === 'stopped' && lockLost.aborted)
          deps.logger.warn(
            { date, err: (lockLost.reason as Error | undefined)?.message },
            "Completeness: the day's lock was lost; stopped (a new run carries on)",
          );
        return outcome;
      },
      {
        renewEveryMs: deps.lockRenewMs,
        heldWith: [deps.completenessKeys.progress(date)],
      },
    );
    return run.ran ? run.value : { kind: 'busy' };
  } catch (err) {
    return fail(deps, 'REDIS_UNAVAILABLE', (err as Error).message);
  }
}

async function reconcileLocked(
  date: string,
  deps: ReconcileDeps,
  signal: AbortSignal,
): Promise<ReconcileOutcome> {
  const { redis, completenessKeys, metrics, logger, retentionMs } = deps;
  const fetchDeps = archiveFetchDeps(deps, signal);
  const fetched = await fetchFromArchive(
    `${deps.archivesUrl.replace(/\/+$/, '')}${dailyIndexPath(date)}`,
    fetchDeps,
  );
  if (fetched.kind === 'stopped') return fetched;
  if (fetched.kind === 'failed')
    return fail(deps, 'INDEX_UNAVAILABLE', fetched.message);
  if (fetched.kind === 'not-found') {
    const report = pendingReport(date);
    // A day already reconciled keeps its report (an archive hiccup never erases it).
    await redis.set(completenessKeys.report(date), JSON.stringify(report), {
      NX: true,
      PX: retentionMs,
    });
    metrics.runs.inc({ outcome: 'not_published' });
    logger.info({ date }, 'Completeness: daily index not published yet');
    return { kind: 'not-published', report };
  }
  const index = parseEdgarIndex(fetched.text);
  if (
    index.kind === undefined ||
    (index.accessions.length === 0 && index.badRows > 0)
  )
    return fail(
      deps,
      'INDEX_MALFORMED',
      index.problems.map((p) => `${p.code}: ${p.message}`).join('; '),
    );
  if (index.problems.length > 0)
    logger.warn(
      { date, badRows: index.badRows, problems: index.problems.slice(0, 5) },
      'Completeness: daily index has rows it could not read',
    );
  const all = index.accessions.map((a) => a.accessionNo);
  const had = await seenAccessions(redis, deps.keys, all);
  const lacking = index.accessions.filter((a) => !had.has(a.accessionNo));
  const progress: ProgressDeps = { redis, completenessKeys, metrics, logger };
  let got: Set<string> | undefined;
  try {
    got = await publishMissing(
      date,
      all.length,
      lacking,
      deps,
      fetchDeps,
      progress,
    );
  } finally {
    metrics.backfillRemaining.set(0);
  }
  if (got === undefined) return { kind: 'stopped' };
  const lateKey = completenessKeys.late(date);
  const late = await redis.sCard(lateKey);
  const missing = lacking
    .map((a) => a.accessionNo)
    .filter((accessionNo) => !got.has(accessionNo));
  const report: CompletenessReport = {
    date,
    indexed: all.length,
    have: all.length - missing.length,
    missing,
    late,
    checkedAt: new Date((deps.now ?? Date.now)()).toISOString(),
  };
  await redis.set(completenessKeys.report(date), JSON.stringify(report), {
    PX: retentionMs,
  });
  metrics.runs.inc({ outcome: 'reconciled' });
  metrics.lastLate.set(late);
  metrics.lastMissing.set(missing.length);
  logger[late > 0 || missing.length > 0 ? 'warn' : 'info'](
    {
      date,
      indexed: report.indexed,
      hadBefore: had.size,
      published: lacking.length - missing.length,
      late,
      missing: missing.length,
    },
    'Completeness reconciled',
  );
  return { kind: 'reconciled', report };
}

/**
 * Publishes the accessions secfeed lacked, a batch at a time, showing the progress after each;
 * resolves the accession numbers now in the stream (published here or, meanwhile, by a source),
 * or undefined when stopped (what the stopped batch fetched is not published).
 */
async function publishMissing(
  date: string,
  indexed: number,
  lacking: readonly EdgarIndexAccession[],
  deps: ReconcileDeps,
  fetchDeps: ArchiveFetchDeps,
  progress: ProgressDeps,
): Promise<Set<string> | undefined> {
  const got = new Set<string>();
  const receivedAt = () => new Date((deps.now ?? Date.now)()).toISOString();
  const hadBefore = indexed - lacking.length;
  let publishedHere = 0;
  if (lacking.length > 0)
    await reportProgress(
      date,
      { done: hadBefore, total: indexed, published: 0 },
      progress,
    );
  for (let at = 0; at < lacking.length; at += PUBLISH_BATCH) {
    const filings: Filing[] = [];
    for (const accession of lacking.slice(at, at + PUBLISH_BATCH)) {
      const header = await fetchHeader(accession, deps, fetchDeps);
      if (header === null) return undefined;
      const built = filingFromIndex(
        accession,
        header,
        deps.archivesUrl,
        receivedAt(),
        deps.tickers,
      );
      if (built.ok) filings.push(built.filing);
      else
        deps.logger.warn(
          {
            date,
            accessionNo: accession.accessionNo,
            reasons: built.reasons.slice(0, 5),
          },
          'Completeness: index row makes no valid filing',
        );
    }
    if (fetchDeps.signal.aborted) return undefined;
    const results = await deps.publisher.publishBatch(filings);
    const published: string[] = [];
    results.forEach((result, i) => {
      got.add(filings[i].accessionNo);
      if (result.status !== 'published') return;
      published.push(filings[i].accessionNo);
      deps.onPublished?.(filings[i], Date.now());
    });
    if (published.length > 0) {
      const lateKey = deps.completenessKeys.late(date);
      await deps.redis.sAdd(lateKey, published);
      await deps.redis.pExpire(lateKey, deps.retentionMs);
      deps.metrics.late.inc(published.length);
    }
    publishedHere += published.length;
    await reportProgress(
      date,
      {
        done: hadBefore + Math.min(at + PUBLISH_BATCH, lacking.length),
        total: indexed,
        published: publishedHere,
      },
      progress,
    );
  }
  return got;
}

/** The filing's SGML header; undefined when it cannot be had (the index row alone then); null when stopped. */
async function fetchHeader(
  accession: EdgarIndexAccession,
  deps: ReconcileDeps,
  fetchDeps: ArchiveFetchDeps,
): Promise<string | undefined | null> {
  const cik =
    /^edgar\/data\/(\d+)\//.exec(accession.fileName)?.[1] ??
    accession.entities[0].cik;
  const result = await fetchFromArchive(
    archiveUrls(deps.archivesUrl, cik, accession.accessionNo).header,
    fetchDeps,
  );
  if (result.kind === 'stopped') return null;
  return result.kind === 'text' ? result.text : undefined;
}

function archiveFetchDeps(
  deps: ReconcileDeps,
  signal: AbortSignal,
): ArchiveFetchDeps {
  return {
    budget: deps.budget,
    userAgent: deps.userAgent,
    timeoutMs: deps.requestTimeoutMs ?? RECONCILE_DEFAULTS.requestTimeoutMs,
    maxBytes: deps.maxBytes ?? RECONCILE_DEFAULTS.maxBytes,
    retry: { ...RECONCILE_DEFAULTS.retry, ...deps.retry },
    signal,
    fetch: deps.fetch,
  };
}

function fail(
  deps: ReconcileDeps,
  code: ReconcileFailureCode,
  message: string,
): ReconcileOutcome {
  deps.metrics.runs.inc({
    outcome: code === 'INDEX_MALFORMED' ? 'malformed' : 'failed',
  });
  deps.logger.warn(
    { code, err: message },
    'Completeness: reconciliation failed',
  );
  return { kind: 'failed', code, message };
}
