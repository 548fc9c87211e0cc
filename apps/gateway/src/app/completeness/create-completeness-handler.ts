import type { CompletenessKeys } from '@secfeed/redis-keys';
import {
  sendError,
  withTimeout,
  writeJson,
  type Logger,
  type SecfeedRedis,
} from '@secfeed/service-runtime';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import { parseCompletenessQuery } from './completeness-query';
import { storedReport } from './stored-report';

/** Options of {@link createCompletenessHandler}. */
export interface CompletenessHandlerOptions {
  readonly redis: Pick<SecfeedRedis, 'get' | 'sMembers' | 'zAdd'>;
  readonly keys: CompletenessKeys;
  readonly metrics: Pick<GatewayMetrics, 'errors' | 'httpRequests'>;
  readonly logger: Logger;
  /** A request whose Redis work takes longer is answered 503. Default 2000 ms. */
  readonly timeoutMs?: number;
  /** Query parameters left to an outer layer (the access token). Default `['token']`. */
  readonly ignoredParameters?: readonly string[];
  readonly now?: () => number;
}

const REPORT_PATH = '/api/completeness';
const RECONCILE_PATH = '/api/completeness/reconcile';

/**
 * Completeness over REST (contracts §7, docs/completeness.md), behind the gateway's access
 * check: `GET /api/completeness?date=YYYY-MM-DD` answers the day's report as ingest stored it,
 * with the accessions it published late and the progress of a run of that day in progress;
 * `POST /api/completeness/reconcile?date=YYYY-MM-DD` asks ingest for that day's reconciliation
 * (a ZSET of dates every ingest replica watches; a date asked twice before it runs is one
 * request) and answers 202. Resolves false for any other path. Never rejects: a bad query is a
 * 400 (`INVALID_DATE`, `UNKNOWN_PARAMETER`, `DUPLICATE_PARAMETER`), another method a 405, Redis
 * failing or slow a 503 `REDIS_UNAVAILABLE`.
 */
export function createCompletenessHandler(
  options: CompletenessHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const ignored = new Set(options.ignoredParameters ?? ['token']);
  const { metrics } = options;
  const timeoutMs = options.timeoutMs ?? 2000;
  return async (req, res) => {
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const path = mark < 0 ? url : url.slice(0, mark);
    const route =
      path === REPORT_PATH
        ? 'completeness'
        : path === RECONCILE_PATH
          ? 'reconcile'
          : undefined;
    if (route === undefined) return false;
    const answer = (status: number, code?: string, message?: string) => {
      metrics.httpRequests.inc({ route, status: String(status) });
      if (code === undefined) return;
      metrics.errors.inc({ code });
      sendError(
        res,
        status,
        code,
        message ?? code,
        status === 405 ? { allow: allowed(route) } : {},
      );
    };
    const methodOk =
      route === 'completeness'
        ? req.method === 'GET' || req.method === 'HEAD'
        : req.method === 'POST';
    if (!methodOk) {
      answer(405, 'METHOD_NOT_ALLOWED', `use ${allowed(route)}`);
      return true;
    }
    const query = parseCompletenessQuery(
      mark < 0 ? '' : url.slice(mark + 1),
      ignored,
    );
    if ('error' in query) {
      answer(400, query.error.code, query.error.message);
      return true;
    }
    try {
      if (route === 'completeness') {
        const [stored, progress, late] = await withTimeout(
          Promise.all([
            options.redis.get(options.keys.report(query.date)),
            options.redis.get(options.keys.progress(query.date)),
            options.redis.sMembers(options.keys.late(query.date)),
          ]),
          timeoutMs,
        );
        await writeJson(
          res,
          200,
          JSON.stringify(storedReport(query.date, stored, progress, late)),
        );
        answer(200);
      } else {
        const at = (options.now ?? Date.now)();
        await withTimeout(
          options.redis.zAdd(
            options.keys.requests,
            { score: at, value: query.date },
            { NX: true },
          ),
          timeoutMs,
        );
        await writeJson(
          res,
          202,
          JSON.stringify({ date: query.date, requested: true }),
        );
        answer(202);
      }
    } catch (err) {
      options.logger.warn(
        { err: (err as Error).message, route },
        'Completeness: Redis unavailable',
      );
      answer(
        503,
        'REDIS_UNAVAILABLE',
        'the filing store is unavailable; retry shortly',
      );
    }
    return true;
  };
}

function allowed(route: 'completeness' | 'reconcile'): string {
  return route === 'completeness' ? 'GET, HEAD' : 'POST';
}
