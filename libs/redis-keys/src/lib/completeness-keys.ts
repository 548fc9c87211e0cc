import { keyPrefixProblem } from './key-prefix';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The Redis keys of the reconciliation with EDGAR's daily index (contracts §7) for one key
 * prefix, with the feed's hash tag (`{Psec}`). Each per-day key expires with the retention
 * (`SECFEED_RETENTION_DAYS`) after its last write.
 */
export interface CompletenessKeys {
  /**
   * STRING JSON report of one day, `{"date","indexed","have","missing","late","checkedAt"}`
   * (written by ingest, served by the gateway): `completeness:{sec}:report:<YYYY-MM-DD>`.
   */
  report(date: string): string;
  /** SET of the accession numbers of one day published only by the reconciliation. */
  late(date: string): string;
  /** STRING lock (a token, with a short TTL extended while the run lasts): the one run of that day now. */
  lock(date: string): string;
  /**
   * STRING JSON progress of the run of one day in progress, `{"done","total","published"}`
   * (written by ingest after each batch, served by the gateway): it lives only while that run
   * holds the day's lock (same TTL, deleted with it).
   */
  progress(date: string): string;
  /** STRING with a TTL: the day's index was asked for lately (paces retries on every replica). */
  attempt(date: string): string;
  /** ZSET of the days asked for on demand (member the date, score when asked), oldest first. */
  readonly requests: string;
}

/**
 * Builds the completeness key names for one prefix, beside {@link createRedisKeys}.
 *
 * @throws Error for a bad prefix; the per-day functions throw Error for a date that is not
 *   `YYYY-MM-DD`.
 * @example
 * createCompletenessKeys('t1:').report('2020-03-18'); // 't1:completeness:{t1:sec}:report:2020-03-18'
 */
export function createCompletenessKeys(prefix = ''): CompletenessKeys {
  const problem = keyPrefixProblem(prefix);
  if (problem !== undefined) {
    throw new Error(`invalid key prefix ${JSON.stringify(prefix)}: ${problem}`);
  }
  const key = (rest: string) => `${prefix}completeness:{${prefix}sec}:${rest}`;
  const perDay = (kind: string) => (date: string) => {
    if (typeof date !== 'string' || !DATE.test(date)) {
      throw new Error(`date must be YYYY-MM-DD: "${date}"`);
    }
    return key(`${kind}:${date}`);
  };
  return Object.freeze({
    report: perDay('report'),
    late: perDay('late'),
    lock: perDay('lock'),
    progress: perDay('progress'),
    attempt: perDay('attempt'),
    requests: key('requests'),
  });
}
