import type { RedisKeys } from '@secfeed/redis-keys';
import {
  withTimeout,
  writeJson,
  type Logger,
  type SecfeedRedis,
} from '@secfeed/service-runtime';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HistoryContext } from './history-context';
import { HistoryError } from './history-error';
import type { HistoryMetrics } from './history-metrics';
import { MAX_LIMIT } from './history-query';
import { RedisOutageLog } from './redis-outage-log';
import { serveFiling } from './serve-filing';
import { serveFilings, type HistoryReply } from './serve-filings';
import { writeHistoryError } from './write-history-error';

/** Options of {@link createHistoryHandler}. */
export interface HistoryHandlerOptions {
  /** A connected client, best with the offline queue off (`connectRedis`), so an outage fails fast. */
  redis: SecfeedRedis;
  keys: RedisKeys;
  /** Where requests, their latency and error replies are counted (the gateway's metrics fit). */
  metrics: HistoryMetrics;
  logger: Logger;
  /** Filings filed before now minus this are never served, even while Redis still holds them. */
  retentionMs: number;
  /** Clock of the retention cut-off. Default `Date.now`. */
  now?: () => number;
  /** Most index entries one listing request examines (docs/rest.md). Default 1000, at least 201. */
  maxScanEntries?: number;
  /** A request whose Redis work takes longer is answered 503. Default 2000 ms. */
  timeoutMs?: number;
  /** Query parameters left to an outer layer (e.g. an access token); default none. */
  ignoredParameters?: readonly string[];
}

type Route =
  | { readonly name: 'filings' }
  | { readonly name: 'filing'; readonly segment: string };

const FILINGS_PATH = '/api/filings';

/**
 * The REST history API (contracts §4, docs/rest.md): `GET /api/filings` and
 * `GET /api/filings/:accessionNo`, read from the sorted sets and documents dedup maintains.
 *
 * The returned handler resolves `true` when the request was one of these paths (answered,
 * whatever the outcome) and `false` for any other path, untouched, so the caller's router
 * goes on. It never rejects: bad input is a 400, another method a 405, a Redis failure or
 * timeout a 503 `REDIS_UNAVAILABLE` (logged once per outage). Each request is counted in
 * `httpRequests{route,status}` and `httpLatency{route}` (`route` = `filings` or `filing`),
 * each error reply in `errors{code}`.
 *
 * @throws Error for an option out of range (a programmer mistake).
 */
export function createHistoryHandler(
  options: HistoryHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const context = contextOf(options);
  const timeoutMs = options.timeoutMs ?? 2000;
  const outage = new RedisOutageLog(options.logger);
  const { metrics } = options;
  return async (req, res) => {
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const path = mark < 0 ? url : url.slice(0, mark);
    const search = mark < 0 ? '' : url.slice(mark + 1);
    const route = matchRoute(path);
    if (route === undefined) return false;
    const stop = metrics.httpLatency.startTimer({ route: route.name });
    let status = 200;
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        throw new HistoryError('METHOD_NOT_ALLOWED', 'use GET');
      }
      const reply = await withTimeout(serve(context, route, search), timeoutMs);
      outage.succeeded();
      await writeJson(res, 200, reply.body, reply.headers);
    } catch (err) {
      const error = toHistoryError(err, outage);
      status = error.status;
      metrics.errors.inc({ code: error.code });
      writeHistoryError(res, error);
    }
    stop();
    metrics.httpRequests.inc({ route: route.name, status: String(status) });
    return true;
  };
}

function contextOf(options: HistoryHandlerOptions): HistoryContext {
  const maxScanEntries = options.maxScanEntries ?? 1000;
  if (!Number.isInteger(maxScanEntries) || maxScanEntries <= MAX_LIMIT) {
    throw new Error(`maxScanEntries must be an integer above ${MAX_LIMIT}`);
  }
  if (!(options.retentionMs > 0))
    throw new Error('retentionMs must be positive');
  return {
    redis: options.redis,
    keys: options.keys,
    retentionMs: options.retentionMs,
    now: options.now ?? Date.now,
    maxScanEntries,
    ignoredParameters: new Set(options.ignoredParameters ?? []),
  };
}

function matchRoute(path: string): Route | undefined {
  if (path === FILINGS_PATH) return { name: 'filings' };
  if (!path.startsWith(`${FILINGS_PATH}/`)) return undefined;
  const segment = path.slice(FILINGS_PATH.length + 1);
  return segment.length > 0 && !segment.includes('/')
    ? { name: 'filing', segment }
    : undefined;
}

function serve(
  context: HistoryContext,
  route: Route,
  search: string,
): Promise<HistoryReply> {
  return route.name === 'filings'
    ? serveFilings(context, search)
    : serveFiling(context, route.segment, search).then((body) => ({ body }));
}

/** Anything but a refusal of ours comes from the Redis client: the request cannot be served now. */
function toHistoryError(err: unknown, outage: RedisOutageLog): HistoryError {
  if (err instanceof HistoryError) return err;
  outage.failed(err);
  return new HistoryError(
    'REDIS_UNAVAILABLE',
    'the filing store is unavailable; retry shortly',
  );
}
