import { defer, type Observable } from 'rxjs';
import { readerLoop } from './reader-loop';
import { readerSession, type ReaderCursor } from './reader-session';
import type { StreamReaderEvent } from './stream-reader-event';
import {
  resolveStreamReaderOptions,
  type RedisStreamReaderOptions,
} from './stream-reader-options';

/**
 * Reads a Redis stream as an Observable of events: its entries, in order and each exactly once
 * across connection failures and Redis restarts, and the state of its connection in between
 * (`connecting`, `ready`, `error`, `retry`; see {@link StreamReaderEvent}).
 *
 * Each subscription opens a dedicated connection (`client.duplicate()`, see the README for
 * the overrides that keep node-redis timeouts from cutting a BLOCK), runs `XREAD BLOCK` in a
 * loop and, after any error, backs off with `retry` and resumes after the last entry it
 * delivered. A start at `'$'` is resolved to a concrete id first, so entries added during a
 * reconnect are never skipped. Failures are events, not errors: the Observable errors only
 * with a `RetryExhaustedError` when `maxAttempts` is reached. Unsubscribing closes the
 * dedicated connection at once; the caller's client is untouched.
 *
 * @throws TypeError or RangeError synchronously for invalid options.
 *
 * @example
 * ```ts
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * redisStreamReader({ client, key: 'stream:sec:filings', from: lastPosition }).subscribe((event) => {
 *   if (event.type === 'entry') publish(event.entry.id, decodeStreamEntry(event.entry.fields)); // @secfeed/filing-model/stored
 *   else log.debug(event, 'stream reader');
 * });
 * ```
 */
export function redisStreamReader(
  options: RedisStreamReaderOptions,
): Observable<StreamReaderEvent> {
  const resolved = resolveStreamReaderOptions(options);
  return defer(() => {
    // One cursor per subscription: each subscriber reads independently from `from`.
    const cursor: ReaderCursor = { position: resolved.from };
    return readerLoop(
      (attempt) => readerSession(resolved, cursor, attempt),
      resolved,
    );
  });
}
