import type { ChannelRequest } from './channel-request';

/**
 * Why an attempt failed, stable for logs, metrics and the deliveries log (docs/alerts.md):
 * retried: `NETWORK_ERROR`, `TIMEOUT`, `RATE_LIMITED` (429), `SERVER_ERROR` (5xx);
 * given up at once: `REJECTED` (any other status outside 2xx), `REDIRECT_REFUSED` (a redirect
 * to another origin, or one that would turn the POST into a GET).
 */
export type SendFailureCode =
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  | 'RATE_LIMITED'
  | 'SERVER_ERROR'
  | 'REJECTED'
  | 'REDIRECT_REFUSED';

export type SendResult =
  | { readonly ok: true; readonly status: number }
  | {
      readonly ok: false;
      readonly code: SendFailureCode;
      /** Whether a later attempt may succeed. */
      readonly retryable: boolean;
      readonly status?: number;
      /** What the receiver asked for (`Retry-After`, Discord's and Telegram's `retry_after`). */
      readonly retryAfterMs?: number;
      /** The socket error's code for `NETWORK_ERROR` (`ECONNREFUSED`...), never a URL. */
      readonly detail?: string;
    };

export interface SendOptions {
  /** The whole attempt, redirects included. Default 10 s. */
  readonly timeoutMs?: number;
  /** Same-origin 307/308 redirects followed. Default 3. */
  readonly maxRedirects?: number;
}

/**
 * Sends one request and classifies the answer. Redirects are followed only when they keep the
 * method (307, 308) and stay on the same origin, so a receiver cannot send a signed filing to
 * another host. Never throws.
 */
export async function sendRequest(
  request: ChannelRequest,
  { timeoutMs = 10_000, maxRedirects = 3 }: SendOptions = {},
): Promise<SendResult> {
  const signal = AbortSignal.timeout(timeoutMs);
  let url = request.url;
  try {
    for (let hop = 0; ; hop++) {
      const res = await fetch(url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal,
      });
      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel();
        const next = sameOriginTarget(url, res);
        if (next === undefined || hop >= maxRedirects) {
          return {
            ok: false,
            code: 'REDIRECT_REFUSED',
            retryable: false,
            status: res.status,
          };
        }
        url = next;
        continue;
      }
      return await classify(res);
    }
  } catch (err) {
    const timedOut = signal.aborted;
    return {
      ok: false,
      code: timedOut ? 'TIMEOUT' : 'NETWORK_ERROR',
      retryable: true,
      ...(timedOut ? {} : { detail: errorCode(err) }),
    };
  }
}

function sameOriginTarget(from: string, res: Response): string | undefined {
  const location = res.headers.get('location');
  if (location === null || (res.status !== 307 && res.status !== 308))
    return undefined;
  try {
    const target = new URL(location, from);
    return target.origin === new URL(from).origin ? target.href : undefined;
  } catch {
    return undefined;
  }
}

async function classify(res: Response): Promise<SendResult> {
  const { status } = res;
  if (status >= 200 && status < 300) {
    await res.body?.cancel();
    return { ok: true, status };
  }
  if (status === 429) {
    const text = await res.text().catch(() => '');
    return {
      ok: false,
      code: 'RATE_LIMITED',
      retryable: true,
      status,
      retryAfterMs: retryAfterMs(res.headers.get('retry-after'), text),
    };
  }
  await res.body?.cancel();
  if (status >= 500) {
    return {
      ok: false,
      code: 'SERVER_ERROR',
      retryable: true,
      status,
      retryAfterMs: retryAfterMs(res.headers.get('retry-after'), ''),
    };
  }
  return { ok: false, code: 'REJECTED', retryable: false, status };
}

/** `Retry-After` in seconds or as an HTTP date, else a JSON body's `retry_after` (seconds). */
export function retryAfterMs(
  header: string | null,
  body: string,
  now = Date.now(),
): number | undefined {
  if (header !== null && header.trim() !== '') {
    if (/^\d+(\.\d+)?$/.test(header.trim()))
      return Math.round(Number(header) * 1000);
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  try {
    const json = JSON.parse(body) as {
      retry_after?: unknown;
      parameters?: { retry_after?: unknown };
    };
    const seconds = json.retry_after ?? json.parameters?.retry_after;
    if (typeof seconds === 'number' && seconds >= 0)
      return Math.round(seconds * 1000);
  } catch {
    // Not JSON: no hint.
  }
  return undefined;
}

function errorCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown } })?.cause;
  return typeof cause?.code === 'string' ? cause.code : 'FETCH_FAILED';
}
