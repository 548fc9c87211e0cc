import type { Logger } from '@secfeed/service-runtime';
import type { Registry } from 'prom-client';
import type { IngestConfig } from '../config/ingest-config';
import type { RequestBudget } from '../insights/fetch-attempt';
import { loadShippedTickers } from './load-shipped-tickers';
import type { CompanyTickersLimits } from './parse-company-tickers';
import { refreshTickers } from './refresh-tickers';
import type { TickerDirectory } from './ticker-directory';
import { createTickerMetrics } from './ticker-metrics';
import {
  TickerRefreshSchedule,
  type RefreshTimers,
} from './ticker-refresh-schedule';

/** What ingest hands the ticker directory. */
export interface TickersDeps {
  readonly config: Pick<
    IngestConfig,
    | 'tickerFile'
    | 'tickersUrl'
    | 'tickersRefreshEnabled'
    | 'tickersUserAgent'
    | 'userAgent'
  >;
  /** EDGAR's shared fair-access budget. */
  readonly budget: RequestBudget;
  readonly registry: Registry;
  readonly logger: Logger;
  /** The refresh's timers; a fake in tests. */
  readonly timers?: RefreshTimers;
  /** Bounds of an accepted file; a low `minCiks` in tests. */
  readonly limits?: CompanyTickersLimits;
}

/** The running ticker directory. */
export interface RunningTickers {
  readonly directory: TickerDirectory;
  /** Stops the refresh (aborting one in flight) and waits for it. */
  stop(): Promise<void>;
}

/**
 * Starts ingest's ticker directory: the shipped copy at once, then, when
 * `tickersRefreshEnabled`, a refresh from `EDGAR_TICKERS_URL` at start and daily (hourly after a
 * failure). Off, one info line says the shipped copy is used.
 */
export function startTickers(deps: TickersDeps): RunningTickers {
  const { config, logger } = deps;
  const metrics = createTickerMetrics(deps.registry);
  const directory = loadShippedTickers(config.tickerFile, logger, deps.limits);
  metrics.ciks.set(directory.size);
  if (!config.tickersRefreshEnabled) {
    logger.info(
      {
        file: config.tickerFile,
        ciks: directory.size,
        reason: config.userAgent
          ? 'TICKERS_REFRESH_ENABLED is off (by default, unless the insights reach EDGAR)'
          : 'no SEC_USER_AGENT declared',
      },
      'Ticker map: the shipped copy, not refreshed',
    );
    return { directory, stop: async () => undefined };
  }
  logger.info(
    { file: config.tickerFile, ciks: directory.size, url: config.tickersUrl },
    'Ticker map: the shipped copy, refreshed at start and daily',
  );
  const schedule = new TickerRefreshSchedule({
    timers: deps.timers,
    refresh: (signal) =>
      refreshTickers({
        url: config.tickersUrl,
        userAgent: config.tickersUserAgent,
        directory,
        metrics,
        logger,
        budget: deps.budget,
        limits: deps.limits,
        signal,
      }),
  });
  schedule.start();
  return { directory, stop: () => schedule.stop() };
}
