import type { SourceSummaryKeys } from '@secfeed/redis-keys';
import {
  sendError,
  withTimeout,
  writeJson,
  type Logger,
  type SecfeedRedis,
} from '@secfeed/service-runtime';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import { sourceDaySummary } from './source-day-summary';
import { parseSourcesQuery } from './sources-query';

/** The upstreams whose deliveries ingest counts (`INGEST_SOURCE` names). */
export const COUNTED_SOURCES = ['sec-api', 'edgar', 'replay'] as const;

/** Options of {@link createSourcesStatusHandler}. */
export interface SourcesStatusHandlerOptions {
  readonly redis: Pick<SecfeedRedis, 'hGetAll'>;
  readonly keys: SourceSummaryKeys;
  readonly metrics: Pick<GatewayMetrics, 'errors' | 'httpRequests'>;
  readonly logger: Logger;
  /** A request whose Redis work takes longer is answered 503. Default 2000 ms. */
  readonly timeoutMs?: number;
  /** Query parameters left to an outer layer (the access token). Default `['token']`. */
  readonly ignoredParameters?: readonly string[];
  readonly now?: () => number;
}

const PATH = '/api/sources';

/**
 * `GET /api/sources?date=YYYY-MM-DD` (default today, UTC), behind the gateway's access check:
 * per source that delivered filings that day, how many it delivered first, how many after
 * another source, and its first-seen lag percentiles, from the daily summary ingest keeps in
 * Redis (docs/rest.md). Resolves false for any other path. Never rejects: a bad query is a 400
 * (`INVALID_DATE`, `UNKNOWN_PARAMETER`, `DUPLICATE_PARAMETER`), another method a 405, Redis
 * failing or slow a 503 `REDIS_UNAVAILABLE`.
 */
export function createSourcesStatusHandler(
  options: SourcesStatusHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const ignored = new Set(options.ignoredParameters ?? ['token']);
  const { metrics } = options;
  const timeoutMs = options.timeoutMs ?? 2000;
  const answer = (
    res: ServerResponse,
    status: number,
    code?: string,
    message?: string,
  ) => {
    metrics.httpRequests.inc({ route: 'sources', status: String(status) });
    if (code === undefined) return;
    metrics.errors.inc({ code });
    sendError(
      res,
      status,
      code,
      message ?? code,
      status === 405 ? { allow: 'GET, HEAD' } : {},
    );
  };
  return async (req, res) => {
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    if ((mark < 0 ? url : url.slice(0, mark)) !== PATH) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      answer(res, 405, 'METHOD_NOT_ALLOWED', 'use GET, HEAD');
      return true;
    }
    const query = parseSourcesQuery(
      mark < 0 ? '' : url.slice(mark + 1),
      ignored,
      (options.now ?? Date.now)(),
    );
    if ('error' in query) {
      answer(res, 400, query.error.code, query.error.message);
      return true;
    }
    try {
      const hashes = await withTimeout(
        Promise.all(
          COUNTED_SOURCES.map((source) =>
            options.redis.hGetAll(options.keys.day(source, query.date)),
          ),
        ),
        timeoutMs,
      );
      const sources = COUNTED_SOURCES.map((source, i) =>
        sourceDaySummary(source, hashes[i] as Record<string, string>),
      ).filter((s) => s.first + s.duplicates > 0);
      await writeJson(res, 200, JSON.stringify({ date: query.date, sources }));
      answer(res, 200);
    } catch (err) {
      options.logger.warn(
        { err: (err as Error).message, route: 'sources' },
        'Sources status: Redis unavailable',
      );
      answer(
        res,
        503,
        'REDIS_UNAVAILABLE',
        'the filing store is unavailable; retry shortly',
      );
    }
    return true;
  };
}
