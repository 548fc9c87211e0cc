import type { Filing } from '@secfeed/filing-model';
import {
  catchError,
  concat,
  concatMap,
  defer,
  EMPTY,
  filter,
  from,
  ignoreElements,
  map,
  merge,
  mergeMap,
  of,
  repeat,
  startWith,
  tap,
  timer,
  type Observable,
} from 'rxjs';
import type { SourceEvent } from '../source-event';
import { BoundedSet } from './bounded-set';
import { edgarRetryDelay } from './edgar-retry-delay';
import {
  resolveEdgarSourceOptions,
  type EdgarSourceOptions,
} from './edgar-source-options';
import { pollFeed, type PollMemory, type PollResult } from './poll-feed';
import { rateGate } from './rate-gate';

/**
 * Accession numbers remembered between polls. The feed's pages reach back a few hundred
 * filings; 10,000 covers far more than any page the source will read again.
 */
export const EDGAR_SEEN_CAPACITY = 10_000;

const POLLING: SourceEvent = { kind: 'state', upstream: { state: 'polling' } };

/**
 * The `edgar` source: polls EDGAR's Latest Filings Atom feed (contracts §2) and emits each new
 * filing once, merged across the entries of its entities.
 *
 * Cold: subscribing starts polling at once; unsubscribing aborts the request in flight and
 * clears every timer. Never errors and never completes: failures are `error` events with a
 * stable code (`EDGAR_FEED_INVALID`, `EDGAR_HTTP_<status>`, `EDGAR_UNREACHABLE`, see README.md)
 * and polling goes on, with backoff (and `retry` state events) for HTTP and network failures.
 *
 * Events: `state: polling` on start and after recovering from failures; one `filings` event
 * per poll that found new filings, oldest acceptance first; a `rejects` event for entries
 * that could not become filings (`EDGAR_ENTRY_INVALID`).
 *
 * Filings reported `dropped` are forgotten at once (a poll that lists them emits them again),
 * and once `settled()` resolves true the next poll pages back to the oldest of them (see
 * {@link pollFeed}), so the consumer gets every one again; its dedup absorbs repeats.
 *
 * @throws Error (synchronously) for invalid options, naming `SEC_USER_AGENT` for a missing or
 *   malformed user agent.
 *
 * @example
 * ```ts
 * edgarSource({ userAgent: 'Acme Research ops@acme.example', tickers }).subscribe((event) => {
 *   if (event.kind === 'filings') publish(event.filings);
 * });
 * ```
 */
export function edgarSource(
  options: EdgarSourceOptions,
): Observable<SourceEvent> {
  const resolved = resolveEdgarSourceOptions(options);
  const { pollIntervalMs, scheduler } = resolved;
  return defer(() => {
    // Per subscription: two subscribers poll independently, each with its own memory and gate.
    const gate = rateGate(resolved.maxRequestsPerSecond, scheduler);
    const memory: PollMemory = {
      seen: new BoundedSet(EDGAR_SEEN_CAPACITY),
      firstPoll: true,
    };
    let failures = 0;
    let delayMs = pollIntervalMs;
    const eventsOf = (result: PollResult): SourceEvent[] => {
      const events = [...result.events];
      const { failure } = result;
      if (!failure) {
        if (failures > 0) events.push(POLLING);
        failures = 0;
        delayMs = pollIntervalMs;
        return events;
      }
      events.push({
        kind: 'error',
        code: failure.code,
        message: failure.message,
      });
      if (!failure.backoff) {
        delayMs = pollIntervalMs;
        return events;
      }
      delayMs = edgarRetryDelay(failure, failures, pollIntervalMs);
      failures += 1;
      events.push({
        kind: 'state',
        upstream: { state: 'retry', attempt: failures, delayMs },
      });
      return events;
    };
    const polls = concat(
      restartFrom(resolved.lastFiledAt, memory),
      defer(() => pollFeed(resolved, gate, memory)).pipe(
        concatMap((result) => from(eventsOf(result))),
        repeat({ delay: () => timer(delayMs, scheduler) }),
      ),
    ).pipe(startWith(POLLING));
    const recoveries = resolved.dropped.pipe(
      tap((filings) =>
        filings.forEach((f) => memory.seen.delete(f.accessionNo)),
      ),
      mergeMap((filings) =>
        from(resolved.settled()).pipe(
          filter(Boolean),
          map(() => oldestFiledAtMs(filings)),
        ),
      ),
      filter((ms) => Number.isFinite(ms)),
      tap((ms) => {
        memory.recoverFromMs = Math.min(memory.recoverFromMs ?? ms, ms);
      }),
      ignoreElements(),
    );
    return merge(polls, recoveries);
  });
}

/**
 * Before the first poll: the newest filing already stored becomes the point the first poll
 * pages back to (a restart misses nothing the feed still lists). Nothing stored, or a store
 * that cannot answer: the first poll reads one page, as on a fresh install.
 */
function restartFrom(
  lastFiledAt: (() => Promise<string | undefined>) | undefined,
  memory: PollMemory,
): Observable<never> {
  if (lastFiledAt === undefined) return EMPTY;
  return defer(() => from(lastFiledAt())).pipe(
    catchError(() => of(undefined)),
    tap((filedAt) => {
      const ms = filedAt === undefined ? Number.NaN : Date.parse(filedAt);
      if (Number.isFinite(ms))
        memory.recoverFromMs = Math.min(memory.recoverFromMs ?? ms, ms);
    }),
    ignoreElements(),
  );
}

function oldestFiledAtMs(filings: readonly Filing[]): number {
  return filings.reduce(
    (oldest, f) => Math.min(oldest, Date.parse(f.filedAt)),
    Number.POSITIVE_INFINITY,
  );
}
