import { WireFiling } from './replay-day';

/** Faults the simulator injects into its feed, each counted in frames sent. */
export interface SimulatorFaults {
  /** Every Nth frame is sent twice (the upstream repeating itself). */
  duplicateEvery?: number;
  /** After every Nth frame, a malformed text frame follows (not JSON, not an array, bad element, in turn). */
  malformedEvery?: number;
  /** After every Nth frame, a binary frame follows. */
  binaryEvery?: number;
  /** After N frames, every client socket is destroyed without a close frame (abrupt drop). */
  disconnectAfterFrames?: number;
}

/** Options of {@link startSimulator}; every field is optional. */
export interface SimulatorOptions {
  /** Port to listen on; 0 picks a free one. Default 0. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** When set, a connection must carry `?apiKey=<key>` or the upgrade is refused with 401. */
  apiKey?: string;
  /** Filings per second. 0 sends as fast as the slowest client drains. Default: use `speed`. */
  rate?: number;
  /** Replays the day's real spacing this many times faster (when `rate` is not given). Default 60. */
  speed?: number;
  /** Filings per frame (the Stream API sends arrays). Default 1. */
  batchSize?: number;
  /** Stop after this many filings. Default: endless (the day repeats with new accession numbers). */
  limit?: number;
  /** Start the feed only when the first client connects, as a demo expects. Default true. */
  waitForClient?: boolean;
  /** Server ping period, as sec-api.io does. Default 25,000 ms. */
  pingIntervalMs?: number;
  faults?: SimulatorFaults;
  /**
   * Rewrites each filing's `filedAt` to the moment it is sent (Eastern offset), so that a
   * replayed day looks live: lag, the 7-day history retention and backfills behave as with the
   * real stream. Default true; false sends the day's own 2020 times.
   */
  liveTimes?: boolean;
  /** The filings to replay. Default: the real day in data/replay. */
  day?: readonly WireFiling[];
  /**
   * A folder of real EDGAR full submissions (`*fullsub*.txt`, e.g. `../shared/fixtures/edgar/
   * documents`): the simulator then also serves EDGAR's archive, `GET
   * /Archives/edgar/data/<CIK>/<accession without dashes>/<accession>.txt`, answering those
   * submissions and 404 for every other filing, and replays a filing for each submission (its
   * metadata from the submission's header) after every {@link documentFilingEvery}th filing of
   * the day, so that the demo has filings whose documents exist. Default: none (no archive).
   */
  documentsDir?: string;
  /** See {@link documentsDir}. Default 40. */
  documentFilingEvery?: number;
  /** Called with each data frame sent and the filings in it (benchmarks time them). */
  onFrame?: (filings: readonly WireFiling[], sentAtMs: number) => void;
}

export type ResolvedSimulatorOptions = Required<
  Omit<SimulatorOptions, 'apiKey' | 'rate' | 'onFrame' | 'day' | 'documentsDir'>
> &
  Pick<
    SimulatorOptions,
    'apiKey' | 'rate' | 'onFrame' | 'day' | 'documentsDir'
  >;

const positive = (
  name: string,
  value: number | undefined,
  allowZero = false,
): void => {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new RangeError(
      `simulator option ${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${value}`,
    );
  }
};

/** Applies defaults and validates; throws a RangeError naming the bad option. */
export function resolveSimulatorOptions(
  options: SimulatorOptions = {},
): ResolvedSimulatorOptions {
  positive('rate', options.rate, true);
  positive('speed', options.speed);
  positive('batchSize', options.batchSize);
  positive('limit', options.limit, true);
  positive('pingIntervalMs', options.pingIntervalMs);
  positive('documentFilingEvery', options.documentFilingEvery);
  for (const [name, value] of Object.entries(options.faults ?? {}))
    positive(`faults.${name}`, value);
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    apiKey: options.apiKey,
    rate: options.rate,
    speed: options.speed ?? 60,
    batchSize: options.batchSize ?? 1,
    limit: options.limit ?? Number.POSITIVE_INFINITY,
    waitForClient: options.waitForClient ?? true,
    pingIntervalMs: options.pingIntervalMs ?? 25_000,
    faults: options.faults ?? {},
    liveTimes: options.liveTimes ?? true,
    day: options.day,
    documentsDir: options.documentsDir,
    documentFilingEvery: options.documentFilingEvery ?? 40,
    onFrame: options.onFrame,
  };
}
