import { keyPrefixProblem } from './key-prefix';

/** Rule ids are put in key names and URLs, so they stay plain. */
const RULE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The Redis keys of the alerts service for one key prefix. They carry the feed's hash tag
 * (`{Psec}`), so one Lua script may read the filings stream's consumer group and write a rule's
 * queue in the same atomic call, on a single server or in a Redis Cluster.
 */
export interface AlertKeys {
  /** The consumer group of the alerts replicas on the filings stream (a name, not a key). */
  readonly group: string;
  /** HASH rule id → rule JSON: `alerts:{sec}:rules`. */
  readonly rules: string;
  /** STRING counter, incremented on every rule change, so replicas reload: `alerts:{sec}:rules:version`. */
  readonly rulesVersion: string;
  /** SET of the rule ids that have deliveries queued: `alerts:{sec}:active`. */
  readonly active: string;
  /** ZSET (score 0, member = padded stream entry id) of one rule's queued deliveries, in stream order. */
  queue(ruleId: string): string;
  /** HASH padded entry id → delivery JSON, the payload of each queued delivery of one rule. */
  jobs(ruleId: string): string;
  /** HASH of one rule's progress: last delivered entry id, counters. */
  state(ruleId: string): string;
  /** STRING lease: the replica delivering one rule now (token), with a TTL. */
  lease(ruleId: string): string;
  /** LIST of one rule's recent delivery outcomes, newest first (capped). */
  log(ruleId: string): string;
  /** LIST of one rule's dead letters, newest first (capped). */
  deadLetters(ruleId: string): string;
}

/**
 * Builds the alerts service's key names for one prefix, beside {@link createRedisKeys}.
 *
 * @throws Error for a bad prefix; the per-rule functions throw Error for a rule id that is not
 *   1 to 64 of `A-Z a-z 0-9 _ -`.
 * @example
 * createAlertKeys('t1:').rules; // 't1:alerts:{t1:sec}:rules'
 * createAlertKeys().queue('r1'); // 'alerts:{sec}:queue:r1'
 */
export function createAlertKeys(prefix = ''): AlertKeys {
  const problem = keyPrefixProblem(prefix);
  if (problem !== undefined) {
    throw new Error(`invalid key prefix ${JSON.stringify(prefix)}: ${problem}`);
  }
  const key = (rest: string) => `${prefix}alerts:{${prefix}sec}:${rest}`;
  const perRule = (kind: string) => (ruleId: string) => {
    if (typeof ruleId !== 'string' || !RULE_ID.test(ruleId)) {
      throw new Error(
        `rule id must be 1 to 64 of A-Z a-z 0-9 _ -: "${ruleId}"`,
      );
    }
    return key(`${kind}:${ruleId}`);
  };
  return Object.freeze({
    group: 'alerts',
    rules: key('rules'),
    rulesVersion: key('rules:version'),
    active: key('active'),
    queue: perRule('queue'),
    jobs: perRule('jobs'),
    state: perRule('state'),
    lease: perRule('lease'),
    log: perRule('log'),
    deadLetters: perRule('dead'),
  });
}
