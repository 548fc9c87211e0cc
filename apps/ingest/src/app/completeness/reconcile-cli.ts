// `npm run reconcile -- --date YYYY-MM-DD`: reconciles one day with EDGAR's daily index now,
// in this process, with ingest's configuration (the same environment variables), under the
// same lock as ingest's own runs. Prints the day's report as one JSON line. It is also the
// backfill of a past day: progress on stderr after each batch; Ctrl-C (or a kill) stops it, and
// running it again carries on where it stopped. docs/completeness.md.
import { FilingPublisher } from '@secfeed/dedup';
import { createCompletenessKeys, createRedisKeys } from '@secfeed/redis-keys';
import {
  ConfigError,
  closeRedis,
  connectRedis,
  createLogger,
  loadEnvFile,
} from '@secfeed/service-runtime';
import { isIndexDate } from '@secfeed/edgar-index';
import { Registry } from 'prom-client';
import { loadIngestConfig } from '../config/ingest-config';
import { EdgarBudget } from '../insights/edgar-budget';
import { loadShippedTickers } from '../tickers/load-shipped-tickers';
import { createCompletenessMetrics } from './completeness-metrics';
import { reconcileDay, type ReconcileOutcome } from './reconcile-day';

/** Exit codes, by outcome (docs/completeness.md). */
const EXIT: Record<ReconcileOutcome['kind'], number> = {
  reconciled: 0,
  failed: 1,
  'not-published': 3,
  busy: 4,
  stopped: 5,
};

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--date');
  const date = at >= 0 ? args[at + 1] : undefined;
  if (!isIndexDate(date) || args.length !== 2) {
    process.stderr.write('usage: npm run reconcile -- --date YYYY-MM-DD\n');
    return 2;
  }
  loadEnvFile();
  const config = loadIngestConfig(process.env);
  if (!config.insightsEnabled)
    throw new ConfigError(
      'SEC_USER_AGENT',
      "is required to read EDGAR's archive (or point EDGAR_ARCHIVES_URL at a local archive)",
    );
  const logger = createLogger('reconcile', config.logLevel, process.stderr);
  const redis = await connectRedis({ url: config.redisUrl, logger });
  // SIGINT/SIGTERM stop the run between two requests and free the day at once.
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => stop.abort());
  try {
    const keys = createRedisKeys(config.keyPrefix);
    const outcome = await reconcileDay(date, {
      redis,
      keys,
      completenessKeys: createCompletenessKeys(config.keyPrefix),
      publisher: new FilingPublisher(redis, {
        keys,
        retentionMs: config.retentionMs,
      }),
      budget: new EdgarBudget(redis, {
        key: keys.edgarBudget,
        requestsPerSecond: config.edgarRequestsPerSecond,
      }),
      // The shipped directory: a backfill needs no refresh to name the filer's ticker.
      tickers: loadShippedTickers(config.tickerFile, logger),
      archivesUrl: config.edgarArchivesUrl,
      userAgent: config.archivesUserAgent,
      retentionMs: config.retentionMs,
      metrics: createCompletenessMetrics(new Registry()),
      logger,
      signal: stop.signal,
    });
    process.stdout.write(`${JSON.stringify(outcome)}\n`);
    return EXIT[outcome.kind];
  } finally {
    await closeRedis(redis);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message =
      err instanceof ConfigError
        ? err.message
        : String((err as Error)?.stack ?? err);
    process.stderr.write(`${message}\n`);
    process.exit(2);
  },
);
