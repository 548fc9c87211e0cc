import {
  parseAlertRule,
  testSend,
  type AlertDelivery,
} from '@secfeed/alert-delivery';
import { sendError, sendJson, type Logger } from '@secfeed/service-runtime';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { publicRule } from './public-rule';
import { readJsonBody } from './read-json-body';

const BASE = '/api/alert-rules';
const BODY_MESSAGES = {
  INVALID_JSON: 'the body is not JSON',
  PAYLOAD_TOO_LARGE: 'the body is larger than 64 KiB',
  REQUEST_ABORTED: 'the body was cut off',
} as const;
const ROUTE =
  /^\/api\/alert-rules(?:\/([^/]+)(?:\/(test|deliveries|dead-letters\/retry))?)?\/?$/;
const RULE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface RulesApiOptions {
  readonly alerts: AlertDelivery;
  readonly maxRules: number;
  readonly logger: Logger;
}

/**
 * `/api/alert-rules` (docs/alerts.md, "API"): list, create, read, replace, patch, delete,
 * test-send, the deliveries report and the dead-letter retry. Returns false for other paths.
 */
export function createRulesApi(
  options: RulesApiOptions,
): (
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
) => Promise<boolean> {
  return async (req, res, path) => {
    const match = ROUTE.exec(path);
    if (!match) return false;
    const [, id, action] = match;
    if (id !== undefined && !RULE_ID.test(id)) {
      sendError(res, 404, 'NOT_FOUND', 'no such alert rule');
      return true;
    }
    const method = req.method ?? 'GET';
    const route = id === undefined ? 'collection' : (action ?? 'rule');
    const handler = HANDLERS[route]?.[method];
    if (!handler) {
      sendError(
        res,
        405,
        'METHOD_NOT_ALLOWED',
        `${method} is not allowed on this path`,
        {
          allow: Object.keys(HANDLERS[route] ?? {}).join(', '),
        },
      );
      return true;
    }
    await handler(options, req, res, id ?? '');
    return true;
  };
}

type Handler = (
  o: RulesApiOptions,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
) => Promise<void>;

const HANDLERS: Record<string, Record<string, Handler>> = {
  collection: {
    GET: async ({ alerts }, _req, res) => {
      const rules = await alerts.rules.list();
      sendJson(res, 200, { rules: rules.map(publicRule) });
    },
    POST: async ({ alerts, maxRules, logger }, req, res) => {
      const fields = await parsedBody(req, res, 'create');
      if (!fields) return;
      const rule = await alerts.rules.create(fields, maxRules);
      if (!rule) {
        return sendError(
          res,
          409,
          'TOO_MANY_RULES',
          `at most ${maxRules} rules (ALERTS_MAX_RULES)`,
        );
      }
      logger.info(
        { ruleId: rule.id, channel: rule.channel.type },
        'alert rule created',
      );
      sendJson(res, 201, publicRule(rule), { location: `${BASE}/${rule.id}` });
    },
  },
  rule: {
    GET: async ({ alerts }, _req, res, id) => {
      const rule = await alerts.rules.get(id);
      if (!rule) return notFound(res);
      sendJson(res, 200, publicRule(rule));
    },
    PUT: (o, req, res, id) => update(o, req, res, id, 'replace'),
    PATCH: (o, req, res, id) => update(o, req, res, id, 'patch'),
    DELETE: async ({ alerts, logger }, _req, res, id) => {
      if (!(await alerts.rules.delete(id))) return notFound(res);
      logger.info({ ruleId: id }, 'alert rule deleted');
      sendJson(res, 204, undefined);
    },
  },
  test: {
    POST: async ({ alerts, logger }, _req, res, id) => {
      const rule = await alerts.rules.get(id);
      if (!rule) return notFound(res);
      const { endpoints, timeoutMs } = alerts.options;
      const result = await testSend(rule, endpoints, timeoutMs);
      logger.info(
        {
          ruleId: id,
          channel: rule.channel.type,
          ok: result.ok,
          status: result.status,
        },
        'alert rule test-sent',
      );
      if (result.ok)
        return sendJson(res, 200, {
          delivered: true,
          status: result.status,
          deliveryId: result.deliveryId,
        });
      sendError(
        res,
        502,
        'TEST_SEND_FAILED',
        `the channel did not accept the test alert (${result.code})`,
        {},
        {
          failure: result.code,
          status: result.status ?? null,
          deliveryId: result.deliveryId,
        },
      );
    },
  },
  deliveries: {
    GET: async ({ alerts }, _req, res, id) => {
      if (!(await alerts.rules.get(id))) return notFound(res);
      sendJson(res, 200, { ruleId: id, ...(await alerts.store.report(id)) });
    },
  },
  'dead-letters/retry': {
    POST: async ({ alerts, logger }, _req, res, id) => {
      if (!(await alerts.rules.get(id))) return notFound(res);
      const requeued = await alerts.store.retryDeadLetters(id);
      logger.info(
        { ruleId: id, requeued },
        'dead letters put back in the queue',
      );
      sendJson(res, 200, { requeued });
    },
  },
};

async function update(
  { alerts, logger }: RulesApiOptions,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
  mode: 'replace' | 'patch',
): Promise<void> {
  const existing = await alerts.rules.get(id);
  if (!existing) {
    req.resume();
    return notFound(res);
  }
  const fields = await parsedBody(req, res, mode, existing);
  if (!fields) return;
  const rule = await alerts.rules.update(existing, fields);
  if (!rule) return notFound(res);
  logger.info({ ruleId: id, channel: rule.channel.type }, 'alert rule updated');
  sendJson(res, 200, publicRule(rule));
}

async function parsedBody(
  req: IncomingMessage,
  res: ServerResponse,
  mode: 'create' | 'replace' | 'patch',
  existing?: Parameters<typeof parseAlertRule>[2],
) {
  const body = await readJsonBody(req);
  if (!body.ok) {
    sendError(res, body.status, body.code, BODY_MESSAGES[body.code]);
    return undefined;
  }
  const parsed = parseAlertRule(body.value, mode, existing);
  if (!parsed.ok) {
    const { code, field, message } = parsed.error;
    sendError(res, 400, code, message, {}, { field });
    return undefined;
  }
  return parsed.fields;
}

function notFound(res: ServerResponse): void {
  sendError(res, 404, 'NOT_FOUND', 'no such alert rule');
}
