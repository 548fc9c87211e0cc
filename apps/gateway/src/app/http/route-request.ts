import { sendError, type Logger } from '@secfeed/service-runtime';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { redactUrl } from './redact-url';

/** One route: answers and resolves `true`, or resolves `false` for the next one to try. */
export type RequestHandler = (
  req: IncomingMessage,
  res: ServerResponse,
) => boolean | Promise<boolean>;

/**
 * The gateway's request listener: tries `handlers` in order, answers 404 `NOT_FOUND` when none
 * takes the request, and 500 `INTERNAL` (logged once, the URL's `token` redacted) when one
 * throws; a response already under way is destroyed instead.
 */
export function routeRequests(
  handlers: readonly RequestHandler[],
  logger: Logger,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    try {
      for (const handle of handlers) if (await handle(req, res)) return;
      sendError(
        res,
        404,
        'NOT_FOUND',
        `no route for ${req.method} ${redactUrl(req.url)}`,
      );
    } catch (err) {
      logger.error(
        { err, method: req.method, url: redactUrl(req.url) },
        'Request failed',
      );
      if (!res.headersSent)
        sendError(res, 500, 'INTERNAL', 'the gateway failed to answer');
      else res.destroy();
    }
  };
}
