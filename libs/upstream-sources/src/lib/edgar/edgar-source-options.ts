import type { Filing } from '@secfeed/filing-model';
import {
  asyncScheduler,
  NEVER,
  type Observable,
  type SchedulerLike,
} from 'rxjs';
import type { TickerLookup } from '../ticker-lookup';
import { validateUserAgent } from './validate-user-agent';

/** EDGAR's Latest Filings endpoint. */
export const DEFAULT_EDGAR_FEED_URL =
  'https://www.sec.gov/cgi-bin/browse-edgar';
/** The most entries EDGAR serves per page (`count`). */
export const MAX_EDGAR_PAGE_SIZE = 100;
/** The SEC blocks a caller over 10 requests per second for 10 minutes. */
export const MAX_EDGAR_REQUESTS_PER_SECOND = 10;

/** Options of {@link edgarSource}. Only `userAgent` is required. */
export interface EdgarSourceOptions {
  /** Endpoint without a query string. Default `https://www.sec.gov/cgi-bin/browse-edgar` (`EDGAR_FEED_URL`). */
  readonly feedUrl?: string;
  /**
   * Sent as `User-Agent` on every request, `Company Name admin@company.example`
   * (`SEC_USER_AGENT`). Required: the SEC refuses undeclared callers.
   */
  readonly userAgent: string;
  /** Pause between the end of one poll and the start of the next, in ms (integer >= 1). Default `5000`. */
  readonly pollIntervalMs?: number;
  /** Entries per page (`count`), 1 to 100. Default `100`, EDGAR's maximum. */
  readonly pageSize?: number;
  /** Pages one poll may fetch when every entry it sees is new, 1 to 100. Default `10`. */
  readonly maxPagesPerPoll?: number;
  /**
   * Requests started per second at most, over 0 and at most 10 (the SEC's limit). Default `5`,
   * leaving room for other tools sharing the same address.
   */
  readonly maxRequestsPerSecond?: number;
  /** Deadline of one request, headers and body, in ms (integer >= 1). Default `30000`. */
  readonly requestTimeoutMs?: number;
  /**
   * Where `ticker` comes from: ingest's ticker directory (a {@link TickerLookup}, read as each
   * poll's filings are built, so a refreshed map applies at once), or a fixed object of CIK
   * without leading zeros → ticker. Default `{}`: every ticker `""`.
   */
  readonly tickers?: Readonly<Record<string, string>> | TickerLookup;
  /** The `fetch` to use; a stub in tests. Default the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Timers of the poll loop and the rate gate; a `TestScheduler` in marble tests. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** Wall clock for `receivedAt`, epoch ms. Default `Date.now`. */
  readonly now?: () => number;
  /**
   * Filings the consumer dropped (its buffer was full): forgotten at once, and paged back for
   * once {@link settled} says the consumer took what it had. Default: none.
   */
  readonly dropped?: Observable<readonly Filing[]>;
  /** Resolves true once everything handed on so far is stored (false: never). Default: at once. */
  readonly settled?: () => Promise<boolean>;
  /**
   * Takes one request of EDGAR's fair-access budget shared with every other EDGAR request of
   * every replica (ingest's `EdgarBudget`), before each page, after the source's own gate. A
   * rejection lets the request go (the gate still bounds it). Default: none.
   */
  readonly takeToken?: () => Promise<void>;
  /**
   * `filedAt` of the newest filing already stored (Redis), asked once on subscribe: the first
   * poll then pages back until it meets a filing accepted at or before it (up to
   * `maxRecoveryPages`), so a restart misses nothing EDGAR still lists. Undefined, or a
   * rejection: the first poll reads one page. Default: none.
   */
  readonly lastFiledAt?: () => Promise<string | undefined>;
  /**
   * Pages one recovery poll may fetch looking for the oldest dropped filing, 1 to 100.
   * Default `20` (2,000 entries at the default page size).
   */
  readonly maxRecoveryPages?: number;
}

/** {@link EdgarSourceOptions} with defaults applied and validated. */
export type ResolvedEdgarSourceOptions = Required<
  Omit<EdgarSourceOptions, 'takeToken' | 'lastFiledAt'>
> &
  Pick<EdgarSourceOptions, 'takeToken' | 'lastFiledAt'>;

/**
 * Applies defaults and validates. Bad options are programmer or deployment mistakes, so this
 * throws an Error naming the option (or `SEC_USER_AGENT` for the user agent).
 */
export function resolveEdgarSourceOptions(
  options: EdgarSourceOptions,
): ResolvedEdgarSourceOptions {
  const resolved: ResolvedEdgarSourceOptions = {
    feedUrl: options.feedUrl ?? DEFAULT_EDGAR_FEED_URL,
    userAgent: validateUserAgent(options.userAgent),
    pollIntervalMs: options.pollIntervalMs ?? 5000,
    pageSize: options.pageSize ?? MAX_EDGAR_PAGE_SIZE,
    maxPagesPerPoll: options.maxPagesPerPoll ?? 10,
    maxRequestsPerSecond: options.maxRequestsPerSecond ?? 5,
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    tickers: options.tickers ?? {},
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    scheduler: options.scheduler ?? asyncScheduler,
    now: options.now ?? Date.now,
    dropped: options.dropped ?? NEVER,
    settled: options.settled ?? (() => Promise.resolve(true)),
    maxRecoveryPages: options.maxRecoveryPages ?? 20,
    takeToken: options.takeToken,
    lastFiledAt: options.lastFiledAt,
  };
  checkFeedUrl(resolved.feedUrl);
  checkInteger(
    'pollIntervalMs',
    resolved.pollIntervalMs,
    1,
    Number.MAX_SAFE_INTEGER,
  );
  checkInteger('pageSize', resolved.pageSize, 1, MAX_EDGAR_PAGE_SIZE);
  checkInteger('maxPagesPerPoll', resolved.maxPagesPerPoll, 1, 100);
  checkInteger('maxRecoveryPages', resolved.maxRecoveryPages, 1, 100);
  checkInteger(
    'requestTimeoutMs',
    resolved.requestTimeoutMs,
    1,
    Number.MAX_SAFE_INTEGER,
  );
  const rate = resolved.maxRequestsPerSecond;
  if (!(
    Number.isFinite(rate) &&
    rate > 0 &&
    rate <= MAX_EDGAR_REQUESTS_PER_SECOND
  )) {
    fail(
      `maxRequestsPerSecond must be over 0 and at most ${MAX_EDGAR_REQUESTS_PER_SECOND} (the SEC blocks faster callers), got ${rate}`,
    );
  }
  if (typeof resolved.tickers !== 'object' || resolved.tickers === null) {
    fail('tickers must be a ticker directory or an object of CIK to ticker');
  }
  for (const name of ['fetch', 'now', 'settled'] as const) {
    if (typeof resolved[name] !== 'function')
      fail(`${name} must be a function`);
  }
  return resolved;
}

function checkFeedUrl(feedUrl: string): void {
  let url: URL | undefined;
  try {
    url = new URL(feedUrl);
  } catch {
    url = undefined;
  }
  if (
    !url ||
    !['http:', 'https:'].includes(url.protocol) ||
    url.search ||
    url.hash
  ) {
    fail(
      `feedUrl must be an http: or https: URL without a query, got ${String(feedUrl)}`,
    );
  }
}

function checkInteger(
  name: string,
  value: number,
  min: number,
  max: number,
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

function fail(message: string): never {
  throw new Error(`edgarSource: ${message}`);
}
