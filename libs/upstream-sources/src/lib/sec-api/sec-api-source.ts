import { reconnectingSocket } from '@secfeed/stream-client';
import {
  catchError,
  defer,
  EMPTY,
  exhaustMap,
  filter,
  ignoreElements,
  merge,
  mergeMap,
  type Observable,
  of,
  share,
  Subject,
  switchMap,
  tap,
} from 'rxjs';
import type { SourceEvent } from '../source-event';
import { afterEmit } from './after-emit';
import { backfillLoop } from './backfill-loop';
import { gapBackfill } from './gap-backfill';
import { GapTracker } from './gap-tracker';
import type { FiledAtMark } from './newest-filed-at';
import { queryApiBackfill } from './query-api-backfill';
import {
  resolveSecApiSourceOptions,
  streamSocketUrl,
  type ResolvedSecApiSourceOptions,
  type SecApiSourceOptions,
} from './sec-api-source-options';
import { scrubSecret } from './scrub-secret';
import { socketEvents } from './socket-events';

/**
 * The sec-api.io Stream API as a cold Observable of {@link SourceEvent}s: one WebSocket to
 * `${streamUrl}?apiKey=KEY` that reconnects with backoff and replaces a socket silent for
 * `silenceTimeoutMs`. Each text frame goes through `parseStreamFrame` (source `sec-api`): a
 * `filings` event, then a `rejects` event for what was refused; a binary frame is a
 * `FRAME_BINARY` reject. Socket life is reported as `state` events (`connecting`, `open`,
 * `closed`, `retry`) plus an `error` event with the failure code when a connection failed.
 *
 * Gap backfill: the Stream API never replays, so whenever a gap may exist (the first open, a
 * reconnect, filings the consumer reports `dropped`) the source asks the Query API for
 * everything from where the gap began (see {@link GapTracker}, {@link gapBackfill}):
 * `backfilling { from }`, `filings` pages, `backfilled { filings }`. It runs beside the live
 * frames, never delaying them. A failed attempt is retried with backoff (`backfill-retry`), one
 * stopped at the offset cap goes on from its last filing, one cancelled by a drop resumes at the
 * next open: a gap is closed only by a backfill that completed. The durable `watermark` moves
 * forward when one completes and while live filings continue it (`watermark` events).
 *
 * The Observable never errors (an unexpected failure becomes an `error` event
 * `SOURCE_FAILED`, then completion); unsubscribing closes the socket, aborts the Query API
 * request and clears every timer. The key never appears in an event.
 *
 * @throws Error synchronously, naming the option, for invalid options.
 * @example
 * ```ts
 * secApiSource({ apiKey: env.SEC_API_KEY, lastFiledAt: () => store.newestFiledAt() })
 *   .subscribe((event) => pipeline.handle(event));
 * ```
 */
export function secApiSource(
  options: SecApiSourceOptions,
): Observable<SourceEvent> {
  const resolved = resolveSecApiSourceOptions(options);
  const { apiKey, scheduler } = resolved;
  const receivedAt = () => new Date(scheduler.now()).toISOString();
  return defer(() => {
    const tracker = new GapTracker();
    const gaps = new Subject<void>();
    const moved = new Subject<SourceEvent>();
    // The watermark moves to `mark` once everything handed on so far is published, unless a
    // gap opened meanwhile (a drop among those filings, a socket closed).
    const advanceWhenPublished = (mark: FiledAtMark) => {
      const generation = tracker.generation;
      void resolved.settled().then(async (ok) => {
        if (!ok || generation !== tracker.generation) return;
        const forward = await resolved.watermark.advance(mark).catch(
          // Redis away: the next advance carries it; until then a backfill starts lower.
          () => false,
        );
        if (forward)
          moved.next({ kind: 'watermark', filedAt: mark.filedAt, ms: mark.ms });
      });
    };
    const socket = reconnectingSocket({
      url: streamSocketUrl(resolved),
      retry: resolved.retry,
      silenceTimeoutMs: resolved.silenceTimeoutMs,
      scheduler,
    }).pipe(
      tap((event) => {
        if (event.type === 'open') tracker.opened();
        if (event.type === 'closed') tracker.closed();
      }),
      share(),
    );
    const live = socket.pipe(
      mergeMap((event) => socketEvents(event, receivedAt, apiKey)),
      afterEmit((event) => {
        if (event.kind !== 'filings') return;
        const mark = tracker.live(event.filings);
        if (mark) advanceWhenPublished(mark);
      }),
    );
    const drops = resolved.dropped.pipe(
      tap((filings) => {
        tracker.dropped(filings);
        gaps.next();
      }),
      ignoreElements(),
    );
    const backfills = socket.pipe(
      filter((event) => event.type === 'open' || event.type === 'closed'),
      switchMap((event) =>
        event.type !== 'open'
          ? EMPTY
          : merge(of(undefined), gaps).pipe(
              exhaustMap(() =>
                tracker.covered
                  ? EMPTY
                  : backfillLoop(
                      () =>
                        gapBackfill(
                          backfillDeps(resolved, tracker, advanceWhenPublished),
                        ),
                      { policy: resolved.backfillRetry, scheduler },
                    ),
              ),
            ),
      ),
    );
    return merge(live, backfills, drops, moved);
  }).pipe(
    catchError((error: unknown) =>
      of<SourceEvent>({
        kind: 'error',
        code: 'SOURCE_FAILED',
        message: scrubSecret(
          `sec-api source stopped: ${(error as Error)?.message ?? String(error)}`,
          apiKey,
        ),
      }),
    ),
  );
}

function backfillDeps(
  resolved: ResolvedSecApiSourceOptions,
  tracker: GapTracker,
  onCovered: (mark: FiledAtMark) => void,
) {
  const { apiKey, scheduler } = resolved;
  const receivedAt = () => new Date(scheduler.now()).toISOString();
  return {
    tracker,
    watermark: resolved.watermark,
    lastFiledAt: resolved.lastFiledAt,
    settled: resolved.settled,
    overlapMs: resolved.backfillOverlapMs,
    onCovered,
    apiKey,
    backfill: (
      from: string,
      onRejects: Parameters<typeof queryApiBackfill>[0]['onRejects'],
      onCapReached: Parameters<typeof queryApiBackfill>[0]['onCapReached'],
    ) =>
      queryApiBackfill({
        apiKey,
        from,
        queryApiUrl: resolved.queryApiUrl,
        pageSize: resolved.backfillPageSize,
        requestTimeoutMs: resolved.backfillRequestTimeoutMs,
        fetch: resolved.fetch,
        receivedAt,
        onRejects,
        onCapReached,
      }),
  };
}
