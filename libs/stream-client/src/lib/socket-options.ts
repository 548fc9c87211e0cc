import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { redactUrl } from './redact-url';
import {
  resolveRetryPolicy,
  type ResolvedRetryPolicy,
  type RetryPolicy,
} from '@secfeed/reconnect-policy';

/** Options of {@link reconnectingSocket}. Only `url` is required. */
export interface ReconnectingSocketOptions {
  /** `ws:` or `wss:` URL. May carry an API key in the query; it is never logged or emitted. */
  readonly url: string;
  /** Extra HTTP headers of the upgrade request. Default `{}`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Backoff between connections. Default {@link DEFAULT_RETRY_POLICY}. */
  readonly retry?: RetryPolicy;
  /**
   * Give up after this many connections in a row failed (integer >= 1): the Observable then
   * errors with a `RetryExhaustedError`. Default `Infinity`.
   */
  readonly maxAttempts?: number;
  /**
   * An open connection that receives no frame, ping or pong for this long (ms) is considered
   * half-open: it is terminated and replaced. The sec-api.io server pings about every 25 s.
   * Default `60000`.
   */
  readonly silenceTimeoutMs?: number;
  /** Largest accepted message in bytes; a bigger one closes the connection (1009). Default 100 MiB. */
  readonly maxPayload?: number;
  /** Time allowed for the TCP, TLS and WebSocket handshake, in ms. Default `10000`. */
  readonly handshakeTimeoutMs?: number;
  /** After unsubscribe, how long to wait for the server's close frame before dropping the TCP connection, in ms. Default `1000`. */
  readonly closeTimeoutMs?: number;
  /** Scheduler of the backoff and silence timers; a `TestScheduler` in tests. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/** {@link ReconnectingSocketOptions} after defaults and validation. */
export interface ResolvedSocketOptions {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly retry: ResolvedRetryPolicy;
  readonly maxAttempts: number;
  readonly silenceTimeoutMs: number;
  readonly maxPayload: number;
  readonly handshakeTimeoutMs: number;
  readonly closeTimeoutMs: number;
  readonly scheduler: SchedulerLike;
}

const DEFAULTS = {
  maxAttempts: Infinity,
  silenceTimeoutMs: 60_000,
  maxPayload: 100 * 1024 * 1024,
  handshakeTimeoutMs: 10_000,
  closeTimeoutMs: 1_000,
} as const;

/**
 * Applies defaults and validates; throws a `TypeError`/`RangeError` naming the option for
 * programmer mistakes. Messages show the URL redacted only.
 */
export function resolveSocketOptions(
  options: ReconnectingSocketOptions,
): ResolvedSocketOptions {
  const resolved: ResolvedSocketOptions = {
    url: validUrl(options.url),
    headers: validHeaders(options.headers ?? {}),
    retry: resolveRetryPolicy(options.retry),
    maxAttempts: options.maxAttempts ?? DEFAULTS.maxAttempts,
    silenceTimeoutMs: options.silenceTimeoutMs ?? DEFAULTS.silenceTimeoutMs,
    maxPayload: options.maxPayload ?? DEFAULTS.maxPayload,
    handshakeTimeoutMs:
      options.handshakeTimeoutMs ?? DEFAULTS.handshakeTimeoutMs,
    closeTimeoutMs: options.closeTimeoutMs ?? DEFAULTS.closeTimeoutMs,
    scheduler: options.scheduler ?? asyncScheduler,
  };
  positiveInteger('silenceTimeoutMs', resolved.silenceTimeoutMs);
  positiveInteger('maxPayload', resolved.maxPayload);
  positiveInteger('handshakeTimeoutMs', resolved.handshakeTimeoutMs);
  positiveInteger('closeTimeoutMs', resolved.closeTimeoutMs);
  if (resolved.maxAttempts !== Infinity)
    positiveInteger('maxAttempts', resolved.maxAttempts);
  return resolved;
}

function validUrl(url: unknown): string {
  if (typeof url !== 'string')
    throw new TypeError('reconnectingSocket: url is required');
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new TypeError(
      `reconnectingSocket: url is not a valid URL: ${redactUrl(url)}`,
    );
  }
  if (protocol !== 'ws:' && protocol !== 'wss:') {
    throw new TypeError(
      `reconnectingSocket: url must use ws: or wss:, got ${redactUrl(url)}`,
    );
  }
  return url;
}

function validHeaders(
  headers: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  for (const [name, value] of Object.entries(headers)) {
    // Node's http layer would throw these synchronously on every attempt; fail once, here.
    if (
      typeof value !== 'string' ||
      /[\r\n]/.test(value) ||
      !/^[!#$%&'*+.^_`|~\w-]+$/.test(name)
    ) {
      throw new TypeError(
        `reconnectingSocket: header ${JSON.stringify(name)} is invalid`,
      );
    }
  }
  return { ...headers };
}

function positiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(
      `reconnectingSocket: ${name} must be an integer >= 1, got ${value}`,
    );
  }
}
