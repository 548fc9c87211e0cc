import { reconnectingSocket } from '@secfeed/stream-client';
import {
  catchError,
  defer,
  filter,
  merge,
  mergeMap,
  type Observable,
  of,
  share,
  switchMap,
  tap,
} from 'rxjs';
import type { SourceEvent } from '../source-event';
import { gapBackfill } from './gap-backfill';
import { NewestFiledAt } from './newest-filed-at';
import { queryApiBackfill } from './query-api-backfill';
import {
  resolveSecApiSourceOptions,
  streamSocketUrl,
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
 * Gap backfill: the Stream API never replays, so on every `open` (the first included) the
 * source asks the Query API for everything from the newest `filedAt` known (the newest it
 * emitted, or `lastFiledAt()` if newer): `backfilling { from }`, `filings` pages,
 * `backfilled { filings }`. It runs beside the live frames, never delaying them; a newer
 * `open` replaces a backfill still running. Failures are `error` events (`BACKFILL_FAILED`,
 * `BACKFILL_TRUNCATED`) and live filings keep flowing; the next `open` tries again.
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
    const newest = new NewestFiledAt();
    const socket = reconnectingSocket({
      url: streamSocketUrl(resolved),
      retry: resolved.retry,
      silenceTimeoutMs: resolved.silenceTimeoutMs,
      scheduler,
    }).pipe(share());
    const live = socket.pipe(
      mergeMap((event) => socketEvents(event, receivedAt, apiKey)),
    );
    const backfills = socket.pipe(
      filter((event) => event.type === 'open'),
      switchMap(() => {
        // The newest filing seen BEFORE this socket opened, taken now: by the time lastFiledAt()
        // answers, this socket's first frames (newer than the gap) have been seen, and a
        // backfill from them would skip the gap.
        const seenBeforeOpen = newest.value;
        return gapBackfill({
          newestSeen: () => seenBeforeOpen,
          lastFiledAt: resolved.lastFiledAt,
          apiKey,
          backfill: (from, onRejects, onCapReached) =>
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
        });
      }),
    );
    return merge(live, backfills).pipe(
      tap((event) => {
        if (event.kind === 'filings') newest.see(event.filings);
      }),
    );
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
