import { readFileSync } from 'node:fs';
import type { Observable } from 'rxjs';
import type { IngestConfig } from './config/ingest-config';
import type { SourceContext } from './ingest-service';
import { edgarSource } from './sources/edgar';
import { replaySource } from './sources/replay';
import { secApiSource, type SecApiSourceOptions } from './sources/sec-api';
import type { SourceEvent } from './sources/source-event';

/**
 * Builds the upstream `INGEST_SOURCE` names, configured from the environment. `secApi` overrides
 * options of the sec-api source the environment does not set (timers in fault tests).
 */
export function sourceFactory(
  config: IngestConfig,
  secApi: Partial<SecApiSourceOptions> = {},
): (context: SourceContext) => Observable<SourceEvent> {
  return (context) => {
    switch (config.source) {
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
          takeToken: () => context.edgarBudget(),
          tickers: JSON.parse(
            readFileSync(config.tickerFile, 'utf8'),
          ) as Record<string, string>,
        });
      case 'replay':
        return replaySource({
          file: config.replayFile,
          speed: config.replaySpeed,
        });
    }
  };
}
