import type { Filing } from '@secfeed/filing-model';
import {
  catchError,
  EMPTY,
  defer,
  mergeMap,
  Observable,
  of,
  type ObservableInput,
} from 'rxjs';
import type { IngestReject, SourceEvent } from '../source-event';
import { newerMark, type FiledAtMark } from './newest-filed-at';
import { scrubSecret } from './scrub-secret';

/** What {@link gapBackfill} needs; the source wires it to `queryApiBackfill`. */
export interface GapBackfillDeps {
  /** The newest filing this source has emitted so far. */
  readonly newestSeen: () => FiledAtMark | undefined;
  /** The newest `filedAt` already stored (the service reads Redis). */
  readonly lastFiledAt: () => ObservableInput<string | undefined>;
  /** The Query API pages from `from`, reporting invalid elements and the offset cap. */
  readonly backfill: (
    from: string,
    onRejects: (rejects: IngestReject[]) => void,
    onCapReached: (offset: number) => void,
  ) => Observable<Filing[]>;
  /** Scrubbed from every message. */
  readonly apiKey: string;
}

/**
 * One gap backfill, run after a socket opened: from the newer of `newestSeen()` and
 * `lastFiledAt()` (nothing to do when neither is known), emits `backfilling { from }`, the
 * Query API's filings page by page (and `rejects` for invalid elements), then
 * `backfilled { filings }`. Never errors: a failure (including `lastFiledAt` rejecting or
 * returning a non-date) becomes an `error` event `BACKFILL_FAILED`, and reaching the Query
 * API's offset cap adds an `error` event `BACKFILL_TRUNCATED` before `backfilled`.
 */
export function gapBackfill(deps: GapBackfillDeps): Observable<SourceEvent> {
  const failed = (error: unknown): SourceEvent => ({
    kind: 'error',
    code: 'BACKFILL_FAILED',
    message: scrubSecret(
      `gap backfill failed: ${(error as Error)?.message ?? String(error)}`,
      deps.apiKey,
    ),
  });
  return defer(() => deps.lastFiledAt()).pipe(
    mergeMap((stored): Observable<SourceEvent> => {
      const ms = stored === undefined ? undefined : Date.parse(stored);
      if (ms !== undefined && Number.isNaN(ms)) {
        return of(
          failed(new Error('lastFiledAt gave a value that is not a date')),
        );
      }
      const storedMark =
        stored === undefined || ms === undefined
          ? undefined
          : { filedAt: stored, ms };
      const from = newerMark(deps.newestSeen(), storedMark);
      return from ? run(deps, from.filedAt, failed) : EMPTY;
    }),
    // Only lastFiledAt can fail here: run() reports its own failures as events.
    catchError((error: unknown) => of(failed(error))),
  );
}

function run(
  deps: GapBackfillDeps,
  from: string,
  failed: (error: unknown) => SourceEvent,
): Observable<SourceEvent> {
  return new Observable<SourceEvent>((subscriber) => {
    subscriber.next({
      kind: 'state',
      upstream: { state: 'backfilling', from },
    });
    let count = 0;
    const pages = deps.backfill(
      from,
      (rejects) => subscriber.next({ kind: 'rejects', rejects }),
      (offset) =>
        subscriber.next({
          kind: 'error',
          code: 'BACKFILL_TRUNCATED',
          message: `gap backfill from ${from} stopped at the Query API's offset cap (${offset}); newer filings of the gap may be missing`,
        }),
    );
    return pages.subscribe({
      next: (filings) => {
        count += filings.length;
        subscriber.next({ kind: 'filings', filings });
      },
      error: (error: unknown) => {
        subscriber.next(failed(error));
        subscriber.complete();
      },
      complete: () => {
        subscriber.next({
          kind: 'state',
          upstream: { state: 'backfilled', filings: count },
        });
        subscriber.complete();
      },
    });
  });
}
