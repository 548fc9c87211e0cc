import { MAX_RETENTION_MS } from '@secfeed/dedup';
import { keyPrefixFromEnv } from '@secfeed/redis-keys';
import {
  ConfigError,
  EnvReader,
  findDataFile,
  LOG_LEVELS,
  LogLevel,
} from '@secfeed/service-runtime';
import { validateUserAgent } from '@secfeed/upstream-sources';
import {
  DEFAULT_EDGAR_REQUESTS_PER_SECOND,
  MAX_EDGAR_REQUESTS_PER_SECOND,
} from '../insights/edgar-budget';
import { DEFAULT_EDGAR_TICKERS_URL } from '../tickers/refresh-tickers';

export const INGEST_SOURCES = ['sec-api', 'edgar', 'replay'] as const;
export type IngestSourceName = (typeof INGEST_SOURCES)[number];

/** The ingest service's whole configuration, built once at start (contracts.md §5). */
export interface IngestConfig {
  redisUrl: string;
  keyPrefix: string;
  /** The first of {@link IngestConfig.sources} (the one named in logs). */
  source: IngestSourceName;
  /**
   * Every upstream this process runs at once (`INGEST_SOURCE`, a comma-separated list such as
   * `sec-api,edgar`), in the order given, without repeats.
   */
  sources: readonly IngestSourceName[];
  /** sec-api.io key (`SEC_API_KEY`, or the seed's `SEC_API_IO`). Never logged. */
  secApiKey?: string;
  streamUrl: string;
  queryApiUrl: string;
  edgarFeedUrl: string;
  edgarPollMs: number;
  userAgent?: string;
  replaySpeed: number;
  replayFile: string;
  /** The shipped copy of the SEC's ticker map (`data/edgar/company-tickers-exchange.json`). */
  tickerFile: string;
  /** The SEC's ticker and exchange map, refreshed daily (`EDGAR_TICKERS_URL`). */
  tickersUrl: string;
  /**
   * Whether the ticker map is refreshed from {@link IngestConfig.tickersUrl}
   * (`TICKERS_REFRESH_ENABLED`); otherwise the shipped copy is used as is.
   */
  tickersRefreshEnabled: boolean;
  /** `User-Agent` of the refresh: `SEC_USER_AGENT`, or for a local URL {@link LOCAL_ARCHIVE_USER_AGENT}. */
  tickersUserAgent: string;
  port: number;
  streamEnabled: boolean;
  logLevel: LogLevel;
  /** Filings kept in memory while Redis is unavailable (`INGEST_BUFFER_SIZE`). */
  bufferSize: number;
  /** EDGAR's archive, where insights read a filing's documents (`EDGAR_ARCHIVES_URL`). */
  edgarArchivesUrl: string;
  /** Whether the insights stage runs (`INSIGHTS_ENABLED`). */
  insightsEnabled: boolean;
  /**
   * `User-Agent` of the archive requests: `SEC_USER_AGENT`, or, for a local archive only (a
   * stand-in), {@link LOCAL_ARCHIVE_USER_AGENT} when none is set.
   */
  archivesUserAgent: string;
  /** EDGAR's fair-access budget of every replica together (`EDGAR_REQUESTS_PER_SECOND`). */
  edgarRequestsPerSecond: number;
  /**
   * How long a filing stays in Redis: stream entry, seen-mark, document and index entries
   * (`SECFEED_RETENTION_DAYS`, whole milliseconds).
   */
  retentionMs: number;
}

/** Sent to a local archive stand-in when `SEC_USER_AGENT` is not set (never to the SEC). */
export const LOCAL_ARCHIVE_USER_AGENT =
  'secfeed local-demo@localhost.localdomain';

/** Whether `url` names this machine: a stand-in of EDGAR's archive, never the internet. */
export function isLocalUrl(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(host)
  );
}

const dataFile = (relative: string): string =>
  findDataFile(relative, __dirname);

/**
 * Reads and validates the environment. Throws a {@link ConfigError} naming the variable at
 * fault, so a bad start fails fast with one clear line.
 */
export function loadIngestConfig(environment: NodeJS.ProcessEnv): IngestConfig {
  const env = new EnvReader(environment);
  const secApiKey = env.raw('SEC_API_KEY') ?? env.raw('SEC_API_IO');
  const sources = ingestSources(
    env.raw('INGEST_SOURCE'),
    secApiKey ? 'sec-api' : 'replay',
  );
  const streamEnabled = env.bool('STREAM_ENABLED', true);
  if (sources.includes('sec-api') && streamEnabled && !secApiKey) {
    throw new ConfigError(
      'SEC_API_KEY',
      'is required when INGEST_SOURCE=sec-api (or set SEC_API_IO)',
    );
  }
  const userAgent = env.raw('SEC_USER_AGENT');
  if (sources.includes('edgar') && streamEnabled) {
    try {
      validateUserAgent(userAgent);
    } catch (err) {
      const problem = (err as Error).message.replace(/^SEC_USER_AGENT\s*/, '');
      throw new ConfigError(
        'SEC_USER_AGENT',
        `${problem}; required for INGEST_SOURCE=edgar`,
      );
    }
  }
  const insights = loadInsightsConfig(env, userAgent);
  const tickers = loadTickersConfig(env, userAgent, insights);
  let keyPrefix: string;
  try {
    keyPrefix = keyPrefixFromEnv(environment);
  } catch (err) {
    throw new ConfigError(
      'SECFEED_KEY_PREFIX',
      (err as Error).message.replace(/^SECFEED_KEY_PREFIX:?\s*/, ''),
    );
  }
  return {
    redisUrl: env.urlList('REDIS_URL', 'redis://127.0.0.1:6379', [
      'redis:',
      'rediss:',
    ]),
    keyPrefix,
    source: sources[0],
    sources,
    secApiKey,
    streamUrl: env.url('SEC_STREAM_URL', 'wss://stream.sec-api.io', [
      'ws:',
      'wss:',
    ]),
    queryApiUrl: env.url('SEC_QUERY_API_URL', 'https://api.sec-api.io', [
      'http:',
      'https:',
    ]),
    edgarFeedUrl: env.url(
      'EDGAR_FEED_URL',
      'https://www.sec.gov/cgi-bin/browse-edgar',
      ['http:', 'https:'],
    ),
    edgarPollMs: env.int('EDGAR_POLL_MS', 5000, { min: 1000, max: 3_600_000 }),
    userAgent,
    replaySpeed: env.positive('REPLAY_SPEED', 60),
    replayFile: env.string(
      'REPLAY_FILE',
      dataFile('replay/edgar-2020-01-03.jsonl.gz'),
    ),
    tickerFile: dataFile('edgar/company-tickers-exchange.json'),
    port: env.port('INGEST_PORT', 9001),
    streamEnabled,
    logLevel: env.oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
    bufferSize: env.int('INGEST_BUFFER_SIZE', 10_000, {
      min: 1,
      max: 10_000_000,
    }),
    // Within what dedup accepts, so one setting never starts one service and stops the other.
    retentionMs: env.daysAsMs('SECFEED_RETENTION_DAYS', 7, MAX_RETENTION_MS),
    ...insights,
    ...tickers,
  };
}

/**
 * `INGEST_SOURCE`: one source name or a comma-separated list of them (`sec-api,edgar`), each
 * known and none twice; `fallback` when unset.
 *
 * @throws ConfigError naming `INGEST_SOURCE` for an empty, unknown or repeated name.
 */
export function ingestSources(
  raw: string | undefined,
  fallback: IngestSourceName,
): IngestSourceName[] {
  if (raw === undefined) return [fallback];
  const names = raw.split(',').map((name) => name.trim());
  const sources: IngestSourceName[] = [];
  for (const name of names) {
    if (!(INGEST_SOURCES as readonly string[]).includes(name)) {
      throw new ConfigError(
        'INGEST_SOURCE',
        `must be one of ${INGEST_SOURCES.join(', ')} or a comma-separated list of them, got "${name}" in "${raw}"`,
      );
    }
    if ((sources as string[]).includes(name)) {
      throw new ConfigError(
        'INGEST_SOURCE',
        `names "${name}" twice in "${raw}"; list each source once`,
      );
    }
    sources.push(name as IngestSourceName);
  }
  return sources;
}

/**
 * The insights part: on by default when `SEC_USER_AGENT` is set or the archive is local (so
 * that nothing reaches the internet undeclared, in tests or the demo), and then a valid
 * `SEC_USER_AGENT` is required for any archive that is not local.
 */
function loadInsightsConfig(
  env: EnvReader,
  userAgent: string | undefined,
): Pick<
  IngestConfig,
  | 'edgarArchivesUrl'
  | 'insightsEnabled'
  | 'archivesUserAgent'
  | 'edgarRequestsPerSecond'
> {
  const edgarArchivesUrl = env.url(
    'EDGAR_ARCHIVES_URL',
    'https://www.sec.gov',
    ['http:', 'https:'],
  );
  const local = isLocalUrl(edgarArchivesUrl);
  const insightsEnabled = env.bool(
    'INSIGHTS_ENABLED',
    Boolean(userAgent) || local,
  );
  let archivesUserAgent = userAgent?.trim() || LOCAL_ARCHIVE_USER_AGENT;
  if (insightsEnabled && (userAgent !== undefined || !local)) {
    try {
      archivesUserAgent = validateUserAgent(userAgent);
    } catch (err) {
      const problem = (err as Error).message.replace(/^SEC_USER_AGENT\s*/, '');
      throw new ConfigError(
        'SEC_USER_AGENT',
        `${problem}; required for insights from EDGAR's archive (or set INSIGHTS_ENABLED=false)`,
      );
    }
  }
  const edgarRequestsPerSecond = env.positive(
    'EDGAR_REQUESTS_PER_SECOND',
    DEFAULT_EDGAR_REQUESTS_PER_SECOND,
  );
  if (edgarRequestsPerSecond > MAX_EDGAR_REQUESTS_PER_SECOND) {
    throw new ConfigError(
      'EDGAR_REQUESTS_PER_SECOND',
      `must be at most ${MAX_EDGAR_REQUESTS_PER_SECOND} (the SEC blocks faster callers), got "${edgarRequestsPerSecond}"`,
    );
  }
  return {
    edgarArchivesUrl,
    insightsEnabled,
    archivesUserAgent,
    edgarRequestsPerSecond,
  };
}

/**
 * The ticker map's refresh: on by default when the insights stage reaches the real EDGAR (on,
 * with an archive that is not local, hence a declared `SEC_USER_AGENT`) or when
 * `EDGAR_TICKERS_URL` is local (a stand-in); then a valid `SEC_USER_AGENT` is required for any
 * URL that is not local. Off, the shipped copy is used.
 */
function loadTickersConfig(
  env: EnvReader,
  userAgent: string | undefined,
  insights: Pick<IngestConfig, 'insightsEnabled' | 'edgarArchivesUrl'>,
): Pick<
  IngestConfig,
  'tickersUrl' | 'tickersRefreshEnabled' | 'tickersUserAgent'
> {
  const tickersUrl = env.url('EDGAR_TICKERS_URL', DEFAULT_EDGAR_TICKERS_URL, [
    'http:',
    'https:',
  ]);
  const local = isLocalUrl(tickersUrl);
  const tickersRefreshEnabled = env.bool(
    'TICKERS_REFRESH_ENABLED',
    local ||
      (insights.insightsEnabled && !isLocalUrl(insights.edgarArchivesUrl)),
  );
  let tickersUserAgent = userAgent?.trim() || LOCAL_ARCHIVE_USER_AGENT;
  if (tickersRefreshEnabled && (userAgent !== undefined || !local)) {
    try {
      tickersUserAgent = validateUserAgent(userAgent);
    } catch (err) {
      const problem = (err as Error).message.replace(/^SEC_USER_AGENT\s*/, '');
      throw new ConfigError(
        'SEC_USER_AGENT',
        `${problem}; required to refresh the ticker map from the SEC (or set TICKERS_REFRESH_ENABLED=false)`,
      );
    }
  }
  return { tickersUrl, tickersRefreshEnabled, tickersUserAgent };
}
