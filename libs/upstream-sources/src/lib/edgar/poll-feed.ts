import {
  catchError,
  defer,
  EMPTY,
  expand,
  from,
  map,
  of,
  switchMap,
  toArray,
  type Observable,
} from 'rxjs';
import type { IngestReject, SourceEvent } from '../source-event';
import type { BoundedSet } from './bounded-set';
import { EDGAR_ERROR_CODES } from './edgar-error-codes';
import type { EdgarFailure } from './edgar-retry-delay';
import type { ResolvedEdgarSourceOptions } from './edgar-source-options';
import type { FeedEntry } from './feed-entry';
import { feedPageUrl } from './feed-page-url';
import { fetchFeedPage, type FeedResponse } from './fetch-feed-page';
import { parseFeed, type ParsedFeed } from './parse-feed';
import type { RateGate } from './rate-gate';
import { toEdgarFilings } from './to-edgar-filings';

/** What one subscription of the source remembers from poll to poll. */
export interface PollMemory {
  /** Accession numbers (and keys of unreadable entries) already emitted. */
  readonly seen: BoundedSet<string>;
  /** True until a first page was read: that poll fetches one page only. */
  firstPoll: boolean;
  /**
   * Acceptance time (epoch ms) of the oldest filing the consumer dropped and has not been
   * paged back for yet; the next poll reads back to it. Undefined: nothing to recover.
   */
  recoverFromMs?: number;
}

/** A poll that went wrong; `backoff` false means "try again at the usual interval". */
export interface PollFailure extends EdgarFailure {
  readonly code: string;
  readonly message: string;
  readonly backoff: boolean;
}

/** The outcome of one poll: `filings` and `rejects` events (either may be absent), and the failure. */
export interface PollResult {
  readonly events: SourceEvent[];
  readonly failure?: PollFailure;
}

interface Page {
  readonly index: number;
  readonly response: FeedResponse;
  readonly feed?: ParsedFeed;
}

/**
 * One poll of the feed: page 0, then the next page while a whole page is unseen (EDGAR had
 * more new filings than a page holds since the last poll), up to `maxPagesPerPoll`, each
 * request through the rate gate. The first poll reads one page only: everything is "unseen"
 * then, and paging would cost ten requests at startup for filings older than the service.
 *
 * A recovery poll (`memory.recoverFromMs` set: the consumer dropped filings) pages back instead
 * until a page holds an entry accepted at or before that time, up to `maxRecoveryPages`; its
 * unseen entries (the dropped ones were forgotten) are emitted again. A recovery that fails is
 * tried again by the next poll; one that ends at the page cap or at the end of the feed first
 * reports `EDGAR_RECOVERY_INCOMPLETE`.
 *
 * What the pages read before a failure is still emitted; the failure ends the poll.
 */
export function pollFeed(
  options: ResolvedEdgarSourceOptions,
  gate: RateGate,
  memory: PollMemory,
): Observable<PollResult> {
  const fetchPage = (index: number): Observable<Page> =>
    gate(
      withSharedBudget(
        options.takeToken,
        fetchFeedPage(
          feedPageUrl(
            options.feedUrl,
            index * options.pageSize,
            options.pageSize,
          ),
          options,
        ),
      ),
    ).pipe(
      map((response) => ({
        index,
        response,
        feed: response.ok ? parseFeed(response.text) : undefined,
      })),
    );
  const recoverFromMs = memory.recoverFromMs;
  memory.recoverFromMs = undefined;
  const recovering = recoverFromMs !== undefined;
  const maxPages = recovering
    ? options.maxRecoveryPages
    : options.maxPagesPerPoll;
  const wantsNext = (page: Page): boolean =>
    page.index + 1 < maxPages &&
    fullPage(page, options.pageSize) &&
    (recovering
      ? !reaches(page, recoverFromMs)
      : !memory.firstPoll &&
        page.feed.entries.every((e) => !memory.seen.has(e.accessionNo)));
  return fetchPage(0).pipe(
    expand((page) => (wantsNext(page) ? fetchPage(page.index + 1) : EMPTY)),
    toArray(),
    map((pages) => {
      const result = pollResult(pages, options, memory);
      if (!recovering) return result;
      return recoveryResult(result, pages, recoverFromMs, options, memory);
    }),
  );
}

function fullPage(
  page: Page,
  pageSize: number,
): page is Page & { feed: ParsedFeed & { ok: true } } {
  return (
    page.feed?.ok === true &&
    page.feed.entries.length + page.feed.rejects.length >= pageSize &&
    page.feed.entries.length > 0
  );
}

/** True when the page lists an entry accepted at or before `ms`. */
function reaches(page: Page, ms: number): boolean {
  return (
    page.feed?.ok === true &&
    page.feed.entries.some((e) => Date.parse(e.filedAt) <= ms)
  );
}

/** A failed recovery is owed again; one that stopped short of its target is reported. */
function recoveryResult(
  result: PollResult,
  pages: readonly Page[],
  recoverFromMs: number,
  options: ResolvedEdgarSourceOptions,
  memory: PollMemory,
): PollResult {
  if (result.failure) {
    memory.recoverFromMs = Math.min(
      memory.recoverFromMs ?? recoverFromMs,
      recoverFromMs,
    );
    return result;
  }
  const last = pages[pages.length - 1];
  if (reaches(last, recoverFromMs)) return result;
  const why =
    pages.length >= options.maxRecoveryPages && fullPage(last, options.pageSize)
      ? `the page cap (maxRecoveryPages ${options.maxRecoveryPages})`
      : 'the end of the feed';
  const target = new Date(recoverFromMs).toISOString();
  const message = `Recovery of dropped filings stopped at ${why} before reaching ${target}; older dropped filings stay lost`;
  const events: SourceEvent[] = [
    ...result.events,
    { kind: 'error', code: EDGAR_ERROR_CODES.recoveryIncomplete, message },
  ];
  return { events };
}

function pollResult(
  pages: readonly Page[],
  options: ResolvedEdgarSourceOptions,
  memory: PollMemory,
): PollResult {
  const entries: FeedEntry[] = [];
  const unreadable: IngestReject[] = [];
  let failure: PollFailure | undefined;
  for (const { response, feed } of pages) {
    if (!response.ok) {
      const { code, message, status, retryAfterMs } = response;
      failure = { code, message, status, retryAfterMs, backoff: true };
    } else if (feed && !feed.ok) {
      failure = {
        code: EDGAR_ERROR_CODES.feedInvalid,
        message: feed.message,
        backoff: false,
      };
    } else if (feed?.ok) {
      memory.firstPoll = false;
      entries.push(
        ...feed.entries.filter((e) => !memory.seen.has(e.accessionNo)),
      );
      unreadable.push(
        ...feed.rejects.filter((r) => !memory.seen.has(rejectKey(r))),
      );
    }
  }
  const receivedAt = new Date(options.now()).toISOString();
  const { filings, rejects } = toEdgarFilings(entries, {
    receivedAt,
    tickers: options.tickers,
  });
  // Refused accessions are remembered too, so a broken entry is reported once, not every poll.
  entries.forEach((entry) => memory.seen.add(entry.accessionNo));
  unreadable.forEach((reject) => memory.seen.add(rejectKey(reject)));
  const events: SourceEvent[] = [];
  if (filings.length > 0) events.push({ kind: 'filings', filings });
  const allRejects = [...unreadable, ...rejects];
  if (allRejects.length > 0)
    events.push({ kind: 'rejects', rejects: allRejects });
  return { events, failure };
}

/** An unreadable entry has no trustworthy accession number; its content identifies it. */
function rejectKey(reject: IngestReject): string {
  return `unreadable:${JSON.stringify(reject.raw)}`;
}

/**
 * `request`, sent once the shared fair-access budget (every replica's EDGAR requests) grants a
 * token. A budget that cannot be read (Redis unavailable) does not stop the poll: the source's
 * own rate gate still holds it under the SEC's limit, and new filings keep coming.
 */
function withSharedBudget<T>(
  takeToken: (() => Promise<void>) | undefined,
  request: Observable<T>,
): Observable<T> {
  if (takeToken === undefined) return request;
  return defer(() => from(takeToken())).pipe(
    catchError(() => of(undefined)),
    switchMap(() => request),
  );
}
