import { easternIsoString, type Filing } from '@secfeed/filing-model';
import {
  catchError,
  concat,
  defer,
  from,
  mergeMap,
  Observable,
  of,
  type ObservableInput,
  lastValueFrom,
  defaultIfEmpty,
} from 'rxjs';
import type { WatermarkStore } from './watermark-store';
import type { IngestReject, SourceEvent } from '../source-event';
import type { AttemptOutcome } from './backfill-loop';
import type { GapTracker } from './gap-tracker';
import type { FiledAtMark } from './newest-filed-at';
import { QueryApiError } from './query-api-error';
import { scrubSecret } from './scrub-secret';

/** What {@link gapBackfill} needs; the source wires it. */
export interface GapBackfillDeps {
  readonly tracker: GapTracker;
  /** The durable watermark (Redis). */
  readonly watermark: WatermarkStore;
  /** The newest `filedAt` already stored, used only while no watermark exists (an older Redis). */
  readonly lastFiledAt: () => ObservableInput<string | undefined>;
  /**
   * Resolves true once every filing handed on before the call has left the publish queue
   * (false: the service is stopping). Waiting for it first is what delays a backfill until
   * Redis is back.
   */
  readonly settled: () => Promise<boolean>;
  /** The Query API pages from `from`, reporting invalid elements and the offset cap. */
  readonly backfill: (
    from: string,
    onRejects: (rejects: IngestReject[]) => void,
    onCapReached: (offset: number) => void,
  ) => Observable<Filing[]>;
  /** Asked again below the start point, because `filedAt` is neither unique nor in order. */
  readonly overlapMs: number;
  /**
   * Called with the newest filing coverage was restored at: the watermark may move there once
   * everything handed on so far is published (live filings may have come since `settled()`).
   */
  readonly onCovered: (mark: FiledAtMark) => void;
  /** Scrubbed from every message. */
  readonly apiKey: string;
}

/**
 * One gap backfill attempt (the backfill loop repeats it): waits until the publish queue has
 * drained what came before (Redis is up), reads the watermark, and asks the Query API for
 * everything from the tracker's start point minus `overlapMs`: `backfilling { from }`, a
 * `filings` event per page (and `rejects`), then, once those filings have left the publish
 * queue with no gap opened meanwhile, `backfilled { filings }`. Its last value is the
 * {@link AttemptOutcome}. Failures are `error` events (`BACKFILL_FAILED`, `BACKFILL_TRUNCATED`)
 * and outcomes, never errors; unsubscribing cancels it, keeping its progress in the tracker.
 */
export function gapBackfill(
  deps: GapBackfillDeps,
): Observable<SourceEvent | AttemptOutcome> {
  return defer(async () => {
    if (!(await deps.settled())) return { stop: true as const };
    const watermark = await deps.watermark.read();
    const known = watermark ?? (await storedMark(deps));
    return {
      stop: false as const,
      watermark,
      start: deps.tracker.startPoint(known),
    };
  }).pipe(
    mergeMap((prepared): Observable<SourceEvent | AttemptOutcome> => {
      if (prepared.stop) return of(outcome('stopped'));
      const { watermark, start } = prepared;
      const known: SourceEvent[] = watermark
        ? [{ kind: 'watermark', filedAt: watermark.filedAt, ms: watermark.ms }]
        : [];
      if (!start) {
        const reached = deps.tracker.coverFromScratch();
        if (reached) deps.onCovered(reached);
        return of(...known, outcome('covered'));
      }
      const pending = deps.tracker.pending;
      const exact = pending?.exact === true && pending.mark.ms === start.ms;
      return concat(from(known), run(deps, start, exact));
    }),
    // Only the watermark or lastFiledAt can fail here: run() reports its own failures.
    catchError((error: unknown) =>
      of(failed(deps.apiKey, error), outcome('failed')),
    ),
  );
}

function run(
  deps: GapBackfillDeps,
  start: FiledAtMark,
  exact: boolean,
): Observable<SourceEvent | AttemptOutcome> {
  return new Observable<SourceEvent | AttemptOutcome>((subscriber) => {
    const { tracker } = deps;
    tracker.begin(start);
    let open = true;
    const end = (how: Parameters<GapTracker['end']>[0]) => {
      open = false;
      return tracker.end(how);
    };
    const fromMs = exact ? start.ms : start.ms - deps.overlapMs;
    const from = fromMs === start.ms ? start.filedAt : easternIsoString(fromMs);
    subscriber.next({
      kind: 'state',
      upstream: { state: 'backfilling', from },
    });
    let count = 0;
    let truncated = false;
    const pages = deps.backfill(
      from,
      (rejects) => subscriber.next({ kind: 'rejects', rejects }),
      (offset) => {
        truncated = true;
        subscriber.next({
          kind: 'error',
          code: 'BACKFILL_TRUNCATED',
          message: `gap backfill from ${from} stopped at the Query API's offset cap (${offset}); going on from the last filing received`,
        });
      },
    );
    const finish = (...events: Array<SourceEvent | AttemptOutcome>) => {
      events.forEach((event) => subscriber.next(event));
      subscriber.complete();
    };
    const completed = async () => {
      if (truncated) return (end('truncated'), finish(outcome('again')));
      const ok = await deps.settled();
      if (subscriber.closed) return;
      if (!ok) return (end('cancelled'), finish(outcome('stopped')));
      const reached = end('completed');
      if (!tracker.covered) return finish(outcome('again'));
      if (reached) deps.onCovered(reached);
      finish(
        { kind: 'state', upstream: { state: 'backfilled', filings: count } },
        outcome('covered'),
      );
    };
    const subscription = pages.subscribe({
      next: (filings) => {
        count += filings.length;
        subscriber.next({ kind: 'filings', filings });
        tracker.received(filings);
      },
      error: (error: unknown) => {
        end('failed');
        finish(failed(deps.apiKey, error), outcome('failed', error));
      },
      complete: () => void completed(),
    });
    return () => {
      subscription.unsubscribe();
      if (open) end('cancelled');
    };
  });
}

async function storedMark(
  deps: GapBackfillDeps,
): Promise<FiledAtMark | undefined> {
  const stored = await lastValueFrom(
    from(deps.lastFiledAt()).pipe(defaultIfEmpty(undefined)),
  );
  if (stored === undefined) return undefined;
  const ms = Date.parse(stored);
  if (Number.isNaN(ms))
    throw new Error('lastFiledAt gave a value that is not a date');
  return { filedAt: stored, ms };
}

function outcome(
  kind: AttemptOutcome['outcome'],
  error?: unknown,
): AttemptOutcome {
  const retryAfterMs =
    error instanceof QueryApiError ? error.retryAfterMs : undefined;
  return retryAfterMs === undefined
    ? { kind: 'attempt-end', outcome: kind }
    : { kind: 'attempt-end', outcome: kind, retryAfterMs };
}

function failed(apiKey: string, error: unknown): SourceEvent {
  return {
    kind: 'error',
    code: 'BACKFILL_FAILED',
    message: scrubSecret(
      `gap backfill failed: ${(error as Error)?.message ?? String(error)}`,
      apiKey,
    ),
  };
}
