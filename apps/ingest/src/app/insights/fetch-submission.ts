import { parseRetryAfter } from '@secfeed/upstream-sources';

/** What one request for a submission gave; never thrown. */
export type FetchOutcome =
  | { readonly kind: 'ok'; readonly text: string }
  | {
      readonly kind: 'status';
      readonly status: number;
      /** From `Retry-After` (seconds or an HTTP date), when given. */
      readonly retryAfterMs?: number;
    }
  | { readonly kind: 'too-large'; readonly maxBytes: number }
  | { readonly kind: 'timeout'; readonly timeoutMs: number }
  | { readonly kind: 'network'; readonly message: string };

/** Options of {@link fetchSubmission}. */
export interface FetchSubmissionOptions {
  /** `SEC_USER_AGENT`, sent on every request. */
  readonly userAgent: string;
  /** Deadline of the whole request, headers and body, in ms. */
  readonly timeoutMs: number;
  /** Bodies longer than this are refused unread past it (`Content-Length` or counted). */
  readonly maxBytes: number;
  /** Aborts the request (the stage stops). */
  readonly signal?: AbortSignal;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

/**
 * GETs one document of EDGAR's archive with the declared User-Agent, a deadline and a size
 * cap. Statuses, timeouts, network errors and oversize bodies are values, never thrown.
 */
export async function fetchSubmission(
  url: string,
  options: FetchSubmissionOptions,
): Promise<FetchOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const stop = () => controller.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    const response = await (options.fetch ?? fetch)(url, {
      headers: {
        'User-Agent': options.userAgent,
        Accept: 'text/plain, */*;q=0.1',
      },
      signal: controller.signal,
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      return {
        kind: 'status',
        status: response.status,
        retryAfterMs: parseRetryAfter(
          response.headers.get('retry-after'),
          (options.now ?? Date.now)(),
        ),
      };
    }
    const length = Number(response.headers.get('content-length'));
    if (Number.isFinite(length) && length > options.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'too-large', maxBytes: options.maxBytes };
    }
    const bytes = await readCapped(response, options.maxBytes);
    if (bytes === undefined)
      return { kind: 'too-large', maxBytes: options.maxBytes };
    return { kind: 'ok', text: new TextDecoder('utf-8').decode(bytes) };
  } catch (err) {
    if (controller.signal.aborted && !options.signal?.aborted)
      return { kind: 'timeout', timeoutMs: options.timeoutMs };
    return { kind: 'network', message: describe(err) };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', stop);
  }
}

/** The body, or undefined once it passes `maxBytes` (the rest is not read). */
async function readCapped(
  response: Response,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Node's fetch says only "fetch failed"; the cause (ECONNREFUSED...) is the useful part. */
function describe(err: unknown): string {
  const { message, cause } = (err ?? {}) as {
    message?: unknown;
    cause?: unknown;
  };
  const { code } = (cause ?? {}) as { code?: unknown };
  const text = typeof message === 'string' ? message : String(err);
  return code ? `${text}: ${String(code)}` : text;
}
