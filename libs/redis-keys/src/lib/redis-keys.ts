import { accessionPart, cikPart, formTypePart, tickerPart } from './key-parts';
import { keyPrefixProblem } from './key-prefix';

/**
 * Every Redis key of secfeed for one key prefix. All keys carry the same hash tag, so they live
 * in one Redis Cluster slot and one Lua script may touch any of them. See the README for types,
 * bounds, writers and readers.
 */
export interface RedisKeys {
  /** The prefix these keys were built with (`''` for none). */
  readonly prefix: string;
  /** The hash tag inside every key: `{sec}`, or `{<prefix>sec}` with a prefix. */
  readonly hashTag: string;
  /** STREAM of published filings: `stream:{sec}:filings`. */
  readonly stream: string;
  /** ZSET of the newest filings: `cache:{sec}:filings:latest`. */
  readonly latest: string;
  /** ZSET history index of all filings: `index:{sec}:filings:all`. */
  readonly history: string;
  /** STREAM of rejected upstream input, raw and with its reason: `deadletter:{sec}:filings`. */
  readonly deadLetters: string;
  /**
   * HASH token bucket of EDGAR's fair-access budget (`tokens`, `at`), shared by every ingest
   * replica and every EDGAR request they make: `budget:{sec}:edgar`.
   */
  readonly edgarBudget: string;
  /** HASH watermark of ingest (`ms`, `filedAt`): every upstream filing older is published: `watermark:{sec}:filings`. */
  readonly watermark: string;
  /** ZSET of one ticker's newest filings: `cache:{sec}:filings:ticker:<TICKER>` (trimmed, upper-cased). */
  ticker(ticker: string): string;
  /** STRING seen-mark of one accession number: `dedup:{sec}:filings:<accessionNo>`. */
  seen(accessionNo: string): string;
  /**
   * STRING seen-mark of the insights of one accession number (the stream position of its
   * insights entry): `dedup:{sec}:insights:<accessionNo>`.
   */
  insightsSeen(accessionNo: string): string;
  /** STRING JSON document of one filing: `doc:{sec}:filings:<accessionNo>`. */
  filing(accessionNo: string): string;
  /** ZSET history index of one filer: `index:{sec}:filings:cik:<CIK without leading zeros>`. */
  cik(cik: string): string;
  /** ZSET history index of one form type: `index:{sec}:filings:form:<FORM>` (upper-cased, spaces as `_`). */
  formType(formType: string): string;
}

/**
 * Builds the key names for one tenant. The prefix goes in front of every key and inside the
 * hash tag, so two prefixes land on different cluster slots (and different nodes).
 *
 * @param prefix - tenant or test-run prefix such as `test-1234:`; default `''` gives the seed's
 *   names with a `{sec}` hash tag. Usually `keyPrefixFromEnv(process.env)`.
 * @throws Error when the prefix is not printable ASCII, contains a brace or is too long.
 *   The key functions throw Error for empty parts, braces, whitespace or control characters.
 * @example
 * createRedisKeys('t1:').stream; // 't1:stream:{t1:sec}:filings'
 * createRedisKeys().ticker(' aapl '); // 'cache:{sec}:filings:ticker:AAPL'
 */
export function createRedisKeys(prefix = ''): RedisKeys {
  const problem = keyPrefixProblem(prefix);
  if (problem !== undefined) {
    throw new Error(`invalid key prefix ${JSON.stringify(prefix)}: ${problem}`);
  }
  const hashTag = `{${prefix}sec}`;
  const key = (kind: string, rest: string, topic = 'filings'): string =>
    `${prefix}${kind}:${hashTag}:${topic}${rest}`;
  return Object.freeze({
    prefix,
    hashTag,
    stream: key('stream', ''),
    latest: key('cache', ':latest'),
    history: key('index', ':all'),
    deadLetters: key('deadletter', ''),
    watermark: key('watermark', ''),
    edgarBudget: `${prefix}budget:${hashTag}:edgar`,
    ticker: (ticker: string) => key('cache', `:ticker:${tickerPart(ticker)}`),
    seen: (accessionNo: string) =>
      key('dedup', `:${accessionPart(accessionNo)}`),
    insightsSeen: (accessionNo: string) =>
      key('dedup', `:${accessionPart(accessionNo)}`, 'insights'),
    filing: (accessionNo: string) =>
      key('doc', `:${accessionPart(accessionNo)}`),
    cik: (cik: string) => key('index', `:cik:${cikPart(cik)}`),
    formType: (formType: string) =>
      key('index', `:form:${formTypePart(formType)}`),
  });
}
