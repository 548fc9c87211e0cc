import { defer, filter, tap, type Observable } from 'rxjs';
import {
  reconnectLoop,
  type RetryNotification,
} from '@secfeed/reconnect-policy';
import { READY, readerSession, type ReaderCursor } from './reader-session';
import type { StreamEntry } from './stream-entry';
import {
  resolveStreamReaderOptions,
  type RedisStreamReaderOptions,
} from './stream-reader-options';

/**
 * Reads a Redis stream as an Observable of entries, in order and each exactly once, across
 * connection failures and Redis restarts.
 *
 * Each subscription opens a dedicated connection (`client.duplicate()`, see the README for
 * the overrides that keep node-redis timeouts from cutting a BLOCK), runs `XREAD BLOCK` in a
 * loop and, after any error, backs off with `retry` and resumes after the last entry it
 * delivered. A start at `'$'` is resolved to a concrete id first, so entries added during a
 * reconnect are never skipped. The Observable carries entries only; connection state goes to
 * `onState`. It errors only with a `RetryExhaustedError` when `maxAttempts` is reached.
 * Unsubscribing closes the dedicated connection at once; the caller's client is untouched.
 *
 * @throws TypeError or RangeError synchronously for invalid options.
 *
 * @example
 * ```ts
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * redisStreamReader({ client, key: 'stream:sec:filings', from: lastPosition, onState: log.debug })
 *   .subscribe((entry) => publish(entry.id, JSON.parse(entry.fields['data'])));
 * ```
 */
export function redisStreamReader(
  options: RedisStreamReaderOptions,
): Observable<StreamEntry> {
  const resolved = resolveStreamReaderOptions(options);
  return defer(() => {
    // One cursor per subscription: each subscriber reads independently from `from`.
    const cursor: ReaderCursor = { position: resolved.from };
    return reconnectLoop(
      (failures) => readerSession(resolved, cursor, failures + 1),
      {
        policy: resolved.retry,
        maxAttempts: resolved.maxAttempts,
        isConnected: (value) => value === READY,
      },
    );
  }).pipe(
    tap((value) => {
      if (isRetry(value)) resolved.onState(value);
    }),
    filter((value): value is StreamEntry => value !== READY && !isRetry(value)),
  );
}

function isRetry(value: unknown): value is RetryNotification {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as RetryNotification).type === 'retry'
  );
}
