import type { Filing } from '@secfeed/filing-model';
import { createCompletenessKeys, type RedisKeys } from '@secfeed/redis-keys';
import type { Logger, SecfeedRedis } from '@secfeed/service-runtime';
import type { TickerLookup } from '@secfeed/upstream-sources';
import type { Registry } from 'prom-client';
import { isLocalUrl, type IngestConfig } from '../config/ingest-config';
import type { RequestBudget } from '../insights/fetch-attempt';
import { createCompletenessMetrics } from './completeness-metrics';
import { CompletenessRunner } from './completeness-runner';
import { reconcileDay } from './reconcile-day';
import type { BatchPublisher } from './reconcile-options';

/** What ingest hands the reconciliation. */
export interface CompletenessDeps {
  readonly redis: SecfeedRedis;
  readonly keys: RedisKeys;
  readonly config: Pick<
    IngestConfig,
    | 'keyPrefix'
    | 'edgarArchivesUrl'
    | 'archivesUserAgent'
    | 'insightsEnabled'
    | 'retentionMs'
  >;
  readonly budget: RequestBudget;
  readonly publisher: BatchPublisher;
  readonly registry: Registry;
  readonly logger: Logger;
  /** The ticker directory: the filer's ticker and exchange on what is published late. */
  readonly tickers?: TickerLookup;
  /** Each filing published late (ingest queues it for its insights). */
  readonly onPublished?: (filing: Filing, atMs: number) => void;
}

/**
 * Starts the reconciliation with EDGAR's daily index in ingest: on-demand requests always, the
 * evening schedule against the real archive only (a local stand-in is reconciled on demand).
 * It reads EDGAR's archive, so it runs when the insights do (`INSIGHTS_ENABLED`: a declared
 * `SEC_USER_AGENT`, or a local archive); otherwise it does nothing.
 *
 * @returns `stop()`, which aborts a run in progress and waits for it.
 */
export function startCompleteness(deps: CompletenessDeps): {
  stop(): Promise<void>;
} {
  const { config, logger } = deps;
  if (!config.insightsEnabled) return { stop: async () => undefined };
  const abort = new AbortController();
  const completenessKeys = createCompletenessKeys(config.keyPrefix);
  const metrics = createCompletenessMetrics(deps.registry);
  const schedule = !isLocalUrl(config.edgarArchivesUrl);
  const runner = new CompletenessRunner({
    redis: deps.redis,
    completenessKeys,
    logger,
    schedule,
    reconcile: (date) =>
      reconcileDay(date, {
        redis: deps.redis,
        keys: deps.keys,
        completenessKeys,
        publisher: deps.publisher,
        budget: deps.budget,
        archivesUrl: config.edgarArchivesUrl,
        userAgent: config.archivesUserAgent,
        retentionMs: config.retentionMs,
        metrics,
        logger,
        tickers: deps.tickers,
        onPublished: deps.onPublished,
        signal: abort.signal,
      }),
  });
  runner.start();
  logger.info(
    { schedule },
    "Completeness: reconciling with EDGAR's daily index",
  );
  return {
    stop: async () => {
      abort.abort();
      await runner.stop();
    },
  };
}
