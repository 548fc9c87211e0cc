import type { Logger } from '@secfeed/service-runtime';
import type { RequestBudget } from '../insights/fetch-attempt';
import { fetchSubmission } from '../insights/fetch-submission';
import { fetchOutcomeLabel } from '../insights/insights-metrics';
import {
  parseCompanyTickers,
  type CompanyTickersLimits,
} from './parse-company-tickers';
import type { TickerDirectory } from './ticker-directory';
import type { TickerMetrics } from './ticker-metrics';

/** The SEC's ticker and exchange map (`EDGAR_TICKERS_URL`). */
export const DEFAULT_EDGAR_TICKERS_URL =
  'https://www.sec.gov/files/company_tickers_exchange.json';
/** Deadline of a refresh request, headers and body. */
export const TICKERS_TIMEOUT_MS = 30_000;
/** Largest answer read (the SEC's is about 0.5 MB). */
export const TICKERS_MAX_BYTES = 8 * 1024 * 1024;
/** How long every replica holds back after a 429 or 403 without `Retry-After`. */
const THROTTLED_PAUSE_MS = 60_000;

/** What {@link refreshTickers} needs. */
export interface TickerRefreshDeps {
  /** `EDGAR_TICKERS_URL`. */
  readonly url: string;
  /** `SEC_USER_AGENT`, sent as `User-Agent`. */
  readonly userAgent: string;
  readonly directory: TickerDirectory;
  readonly metrics: TickerMetrics;
  readonly logger: Logger;
  /** EDGAR's shared fair-access budget (`EdgarBudget`): a token before the request. */
  readonly budget?: RequestBudget;
  /** Default {@link TICKERS_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  /** Default {@link TICKERS_MAX_BYTES}. */
  readonly maxBytes?: number;
  /** Bounds of the file (fewest CIKs...); see {@link parseCompanyTickers}. */
  readonly limits?: CompanyTickersLimits;
  /** Aborts the request (ingest stops). */
  readonly signal?: AbortSignal;
  readonly fetch?: typeof fetch;
}

/**
 * What a refresh came to: `ok` (the map was replaced), `invalid` (the file was refused), an
 * HTTP or transport outcome (`404`, `429`, `403`, `5xx`, `4xx`, `timeout`, `network`,
 * `too_large`), `error` (anything else), or `stopped` (ingest stopped first; not counted).
 */
export type TickerRefreshOutcome = string;

/**
 * Downloads the SEC's `company_tickers_exchange.json` once, within EDGAR's fair-access budget
 * (a budget that cannot be read lets the one request go, as the feed poller does), with the
 * declared User-Agent, a deadline and a size cap, and puts it in the directory when
 * {@link parseCompanyTickers} accepts it. Anything else keeps the current map, with a warning
 * and the outcome counted; a 429 or 403 also pauses the shared budget. Never throws.
 */
export async function refreshTickers(
  deps: TickerRefreshDeps,
): Promise<TickerRefreshOutcome> {
  const { directory, metrics, logger, signal } = deps;
  try {
    await deps.budget
      ?.take(signal)
      .catch((err: Error) =>
        logger.debug(
          { err: err.message },
          'Fair-access budget unavailable; refreshing tickers anyway',
        ),
      );
    if (signal?.aborted) return 'stopped';
    const maxBytes = deps.maxBytes ?? TICKERS_MAX_BYTES;
    const fetched = await fetchSubmission(deps.url, {
      userAgent: deps.userAgent,
      timeoutMs: deps.timeoutMs ?? TICKERS_TIMEOUT_MS,
      maxBytes,
      signal,
      fetch: deps.fetch,
    });
    if (signal?.aborted) return 'stopped';
    if (fetched.kind !== 'ok') {
      const outcome = fetchOutcomeLabel(fetched);
      if (
        fetched.kind === 'status' &&
        (fetched.status === 429 || fetched.status === 403)
      ) {
        await deps.budget
          ?.pause(fetched.retryAfterMs ?? THROTTLED_PAUSE_MS)
          .catch(() => undefined);
      }
      return kept(deps, outcome, {
        status: fetched.kind === 'status' ? fetched.status : undefined,
        err: fetched.kind === 'network' ? fetched.message : undefined,
      });
    }
    const parsed = parseCompanyTickers(fetched.text, {
      maxLength: maxBytes,
      ...deps.limits,
    });
    if (!parsed.ok) return kept(deps, 'invalid', { reason: parsed.reason });
    const previous = directory.size;
    directory.replace(parsed.table);
    metrics.ciks.set(directory.size);
    metrics.refreshes.inc({ outcome: 'ok' });
    logger.info(
      {
        url: deps.url,
        ciks: directory.size,
        previous,
        rows: parsed.rows,
        skipped: parsed.skipped,
      },
      'Ticker map refreshed',
    );
    return 'ok';
  } catch (err) {
    return kept(deps, 'error', { err: (err as Error)?.message });
  }
}

function kept(
  { url, directory, metrics, logger }: TickerRefreshDeps,
  outcome: string,
  details: Record<string, unknown>,
): TickerRefreshOutcome {
  metrics.refreshes.inc({ outcome });
  logger.warn(
    { url, outcome, ...details, ciks: directory.size },
    'Ticker map refresh failed; keeping the current map',
  );
  return outcome;
}
