import { createRedisKeys, RedisKeys } from '@secfeed/redis-keys';

/** Options of {@link FilingPublisher}; every one has a default. */
export interface FilingPublisherOptions {
  /**
   * How long a filing stays: its stream entry (trimmed when its ID is older than Redis's clock
   * minus this), its document (expires at the entry's ID plus this) and its seen-mark (a second
   * later), so an accession number is never published again while its first copy can be
   * replayed; and how far back (by `filedAtMs`) the sorted sets reach. Whole milliseconds, at
   * most 100 years.
   * Default 7 days (`604_800_000`).
   */
  retentionMs?: number;
  /**
   * Cap of the stream by count (`XADD MAXLEN ~`), over the cap by age: Redis trims whole nodes,
   * so it may hold a bit more. Default `100_000`.
   */
  streamMaxLen?: number;
  /** Number of filings kept in the latest set (newest by `filedAtMs`). Default `500`. */
  latestMax?: number;
  /** Number of filings kept in each ticker set (newest by `filedAtMs`). Default `1000`. */
  tickerMax?: number;
  /** Key names, usually `createRedisKeys(keyPrefixFromEnv(process.env))`. Default `createRedisKeys()` (no prefix). */
  keys?: RedisKeys;
  /**
   * Clock of the sorted sets' horizon (now minus `retentionMs`, compared with `filedAtMs`), in
   * epoch ms. The stream, seen-marks and documents follow Redis's own clock. Default `Date.now`.
   */
  now?: () => number;
}

/** Options with every default applied. */
export type ResolvedPublisherOptions = Required<FilingPublisherOptions>;

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Longest `retentionMs` accepted (100 years): an entry's ID plus the retention stays exact in
 * the script's numbers. Services check their retention setting against it at start.
 */
export const MAX_RETENTION_MS = 36_500 * DAY_MS;

/** Defaults of {@link FilingPublisherOptions} (keys and clock are created per publisher). */
export const PUBLISHER_DEFAULTS = Object.freeze({
  retentionMs: 7 * DAY_MS,
  streamMaxLen: 100_000,
  latestMax: 500,
  tickerMax: 1000,
});

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(
      `FilingPublisher option ${name} must be a positive integer, got ${String(value)}`,
    );
  }
  return value;
}

function atMost(name: string, value: number, max: number): number {
  if (value > max) {
    throw new Error(
      `FilingPublisher option ${name} must be at most ${max}, got ${value}`,
    );
  }
  return value;
}

/**
 * Applies defaults and checks every option.
 *
 * @throws Error naming the option when a value is not a positive integer, `retentionMs` is over
 *   100 years, `keys` is not a `RedisKeys` object or `now` is not a function.
 */
export function resolvePublisherOptions(
  options: FilingPublisherOptions = {},
): ResolvedPublisherOptions {
  const keys = options.keys ?? createRedisKeys();
  if (
    typeof keys !== 'object' ||
    typeof keys.stream !== 'string' ||
    typeof keys.seen !== 'function'
  ) {
    throw new Error(
      'FilingPublisher option keys must come from createRedisKeys()',
    );
  }
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') {
    throw new Error(
      'FilingPublisher option now must be a function returning epoch milliseconds',
    );
  }
  return {
    retentionMs: atMost(
      'retentionMs',
      positiveInteger(
        'retentionMs',
        options.retentionMs ?? PUBLISHER_DEFAULTS.retentionMs,
      ),
      MAX_RETENTION_MS,
    ),
    streamMaxLen: positiveInteger(
      'streamMaxLen',
      options.streamMaxLen ?? PUBLISHER_DEFAULTS.streamMaxLen,
    ),
    latestMax: positiveInteger(
      'latestMax',
      options.latestMax ?? PUBLISHER_DEFAULTS.latestMax,
    ),
    tickerMax: positiveInteger(
      'tickerMax',
      options.tickerMax ?? PUBLISHER_DEFAULTS.tickerMax,
    ),
    keys,
    now,
  };
}
