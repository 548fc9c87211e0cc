import {
  edgarSource,
  replaySource,
  secApiSource,
  type SecApiSourceOptions,
  type SourceEvent,
} from '@secfeed/upstream-sources';
import { filter, map, merge, type Observable } from 'rxjs';
import type { IngestConfig, IngestSourceName } from './config/ingest-config';
import type { SourceContext } from './ingest-service';

/**
 * Builds the upstreams `INGEST_SOURCE` names, configured from the environment, as one stream of
 * events: with several (`sec-api,edgar`) each runs as it would alone (its own backfill or
 * paging back), all feed the one publish pipeline, and the first to deliver a filing publishes
 * it (dedup counts the others' copies). Each source's state events carry its name, and each is
 * told only of the dropped filings it delivered. `secApi` overrides options of the sec-api
 * source the environment does not set (timers in fault tests).
 */
export function sourceFactory(
  config: IngestConfig,
  secApi: Partial<SecApiSourceOptions> = {},
): (context: SourceContext) => Observable<SourceEvent> {
  return (context) => {
    const named = config.sources.map((name) =>
      oneSource(name, config, ownDrops(context, name), secApi).pipe(
        map((event): SourceEvent =>
          event.kind === 'state' ? { ...event, source: name } : event,
        ),
      ),
    );
    return named.length === 1 ? named[0] : merge(...named);
  };
}

function ownDrops(
  context: SourceContext,
  name: IngestSourceName,
): SourceContext {
  return {
    ...context,
    dropped: context.dropped.pipe(
      map((filings) => filings.filter((f) => f.source === name)),
      filter((filings) => filings.length > 0),
    ),
  };
}

function oneSource(
  name: IngestSourceName,
  config: IngestConfig,
  context: SourceContext,
  secApi: Partial<SecApiSourceOptions>,
): Observable<SourceEvent> {
  switch (name) {
    case 'sec-api':
      return secApiSource({
        apiKey: config.secApiKey ?? '',
        streamUrl: config.streamUrl,
        queryApiUrl: config.queryApiUrl,
        lastFiledAt: () => context.lastFiledAt(),
        watermark: context.watermark,
        settled: () => context.settled(),
        dropped: context.dropped,
        ...secApi,
      });
    case 'edgar':
      return edgarSource({
        feedUrl: config.edgarFeedUrl,
        userAgent: config.userAgent ?? '',
        pollIntervalMs: config.edgarPollMs,
        settled: () => context.settled(),
        dropped: context.dropped,
        // After a restart, the first poll pages back to the newest filing already in Redis.
        lastFiledAt: () => context.lastFiledAt(),
        takeToken: () => context.edgarBudget(),
        // Read as each poll's filings are built: a refreshed map applies at once.
        tickers: context.tickers,
      });
    case 'replay':
      return replaySource({
        file: config.replayFile,
        speed: config.replaySpeed,
      });
  }
}
