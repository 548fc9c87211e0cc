import {
  encodeInsightsEntry,
  encodeStreamEntry,
  STREAM_FIELDS,
} from '@secfeed/filing-model/stored';
import { DedupError } from './dedup-error';
import { EXPIRE_SCRIPT, EXPIRE_SCRIPT_SHA } from './expire-script';
import {
  INSIGHTS_PUBLISH_SCRIPT,
  INSIGHTS_PUBLISH_SCRIPT_SHA,
} from './insights-publish-script';
import type {
  InsightsPublishResult,
  PublishableInsights,
} from './insights-publish-result';
import { PUBLISH_SCRIPT, PUBLISH_SCRIPT_SHA } from './publish-script';
import { PublishableFiling } from './publishable-filing';
import { PublishResult } from './publish-result';
import {
  FilingPublisherOptions,
  ResolvedPublisherOptions,
  resolvePublisherOptions,
} from './publisher-options';
import { ScriptCall, ScriptClient } from './script-client';

/**
 * Publishes each filing exactly once: one Lua script per filing checks the seen-mark, appends
 * the filing to the stream, marks it seen and updates the document and every index, atomically.
 * Any number of publishers (ingest replicas) may share one Redis.
 *
 * Redis errors reject the returned promise with the original error and are never retried here:
 * the caller buffers and retries, which is safe because a retry of a published filing answers
 * `duplicate`.
 *
 * @example
 * const client = await createClient({ url }).connect();
 * const publisher = new FilingPublisher(client, { keys: createRedisKeys(keyPrefixFromEnv(process.env)) });
 * const { status, position } = await publisher.publish(filing);
 */
export class FilingPublisher {
  private readonly options: ResolvedPublisherOptions;

  /**
   * @param client - a connected node-redis client or cluster client; the publisher never
   *   connects, quits or retries it.
   * @param options - see {@link FilingPublisherOptions} for defaults.
   * @throws Error when `client` lacks `evalSha`/`eval` or an option is invalid.
   */
  constructor(
    private readonly client: ScriptClient,
    options: FilingPublisherOptions = {},
  ) {
    if (
      typeof client?.evalSha !== 'function' ||
      typeof client?.eval !== 'function'
    ) {
      throw new Error(
        'FilingPublisher needs a node-redis client (createClient or createCluster)',
      );
    }
    this.options = resolvePublisherOptions(options);
  }

  /**
   * Publishes one filing unless its accession number was published within the retention.
   *
   * @returns `{ status: 'published', position }` with the new stream position, or
   *   `{ status: 'duplicate', position }` with the position of the first publication.
   * @throws DedupError `INVALID_FILING` (nothing written) when the filing cannot be keyed;
   *   the Redis error itself when Redis fails.
   */
  async publish(filing: PublishableFiling): Promise<PublishResult> {
    return this.run(this.scriptCall(filing));
  }

  /**
   * Publishes many filings in one round trip: the script calls are pipelined and Redis runs them
   * in input order, so a filing repeated within the batch is `duplicate` after its first copy.
   * If one filing is invalid, nothing is sent.
   *
   * @returns one result per filing, in input order.
   * @throws as {@link FilingPublisher.publish}; a Redis failure rejects the whole batch, although
   *   filings before it may have been published (a retry reports them as `duplicate`).
   */
  async publishBatch(
    filings: readonly PublishableFiling[],
  ): Promise<PublishResult[]> {
    const calls = filings.map((filing) => this.scriptCall(filing));
    // Issued in the same tick, so node-redis writes them to the socket as one pipeline.
    return Promise.all(calls.map((call) => this.run(call)));
  }

  /**
   * Publishes the insights of a published filing (contracts §6) as a stream entry of their own
   * (`kind=insights`, `data` = the whole filing with its `insights`), exactly once per
   * publication of the filing, atomically: any number of publishers may race with the same
   * insights and exactly one gets `published`. The filing's stored document becomes the filing
   * with its insights, so REST serves them. Nothing is written for a filing that is not in the
   * stream (`no-filing`).
   *
   * @returns the status and the insights entry's position (see {@link InsightsPublishResult}).
   * @throws DedupError `INVALID_FILING` (nothing written) when the accession number cannot
   *   name a key or `insights` is not an object; the Redis error itself when Redis fails.
   */
  async publishInsights(
    filing: PublishableInsights,
  ): Promise<InsightsPublishResult> {
    const { keys, retentionMs, streamMaxLen } = this.options;
    const accessionNo = filing?.accessionNo;
    const insights = filing?.insights;
    if (
      typeof insights !== 'object' ||
      insights === null ||
      Array.isArray(insights)
    ) {
      throw new DedupError(
        'INVALID_FILING',
        `insights of ${String(accessionNo)} must be an object`,
      );
    }
    let call: ScriptCall;
    try {
      const entry = encodeInsightsEntry(filing);
      call = {
        keys: [
          keys.stream,
          keys.seen(accessionNo),
          keys.insightsSeen(accessionNo),
          keys.filing(accessionNo),
        ],
        arguments: [
          entry[STREAM_FIELDS.accessionNo],
          entry[STREAM_FIELDS.data],
          String(retentionMs),
          String(streamMaxLen),
        ],
      };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DedupError(
        'INVALID_FILING',
        `insights of ${String(accessionNo)}: ${reason}`,
      );
    }
    const reply = await this.evalScript(
      INSIGHTS_PUBLISH_SCRIPT,
      INSIGHTS_PUBLISH_SCRIPT_SHA,
      call,
    );
    if (
      Array.isArray(reply) &&
      reply.length === 2 &&
      typeof reply[1] === 'string'
    ) {
      const [status, position] = reply as [unknown, string];
      if (
        status === 'published' ||
        status === 'duplicate' ||
        status === 'no-filing'
      )
        return { status, position };
    }
    throw new DedupError(
      'UNEXPECTED_REPLY',
      `insights publish script replied ${JSON.stringify(reply)}`,
    );
  }

  /**
   * Removes what is past the retention now, without publishing: stream entries older than
   * Redis's clock minus `retentionMs` (exactly as every publish does first) and latest-set
   * members filed before `now() - retentionMs`. Publishing trims the same way, so this matters
   * only in a quiet spell, where the stream would otherwise keep replayable entries whose
   * seen-marks have expired; run it periodically (every minute, say). Safe to run from any
   * number of publishers at once; it runs even when Redis is full, since it only deletes.
   *
   * @returns the number of stream entries removed.
   * @throws the Redis error itself when Redis fails.
   */
  async trimExpired(): Promise<number> {
    const { keys, retentionMs, now } = this.options;
    const reply = await this.evalScript(EXPIRE_SCRIPT, EXPIRE_SCRIPT_SHA, {
      keys: [keys.stream, keys.latest],
      arguments: [String(Math.floor(now())), String(retentionMs)],
    });
    if (typeof reply !== 'number')
      throw new DedupError(
        'UNEXPECTED_REPLY',
        `expire script replied ${JSON.stringify(reply)}`,
      );
    return reply;
  }

  private async run(call: ScriptCall): Promise<PublishResult> {
    return toPublishResult(
      await this.evalScript(PUBLISH_SCRIPT, PUBLISH_SCRIPT_SHA, call),
    );
  }

  private async evalScript(
    script: string,
    sha: string,
    call: ScriptCall,
  ): Promise<unknown> {
    try {
      return await this.client.evalSha(sha, call);
    } catch (error) {
      // The script cache is per node and empties on restart, failover or SCRIPT FLUSH. EVAL runs
      // the script and caches it on the node that owns the keys (SCRIPT LOAD might reach
      // another node of a cluster).
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT'))
        throw error;
      return this.client.eval(script, call);
    }
  }

  private scriptCall(filing: PublishableFiling): ScriptCall {
    const { keys, retentionMs, streamMaxLen, latestMax, tickerMax, now } =
      this.options;
    if (typeof filing !== 'object' || filing === null) {
      throw new DedupError('INVALID_FILING', 'a filing must be an object');
    }
    const { accessionNo, filedAtMs } = filing;
    if (typeof filedAtMs !== 'number' || !Number.isFinite(filedAtMs)) {
      throw new DedupError(
        'INVALID_FILING',
        `filing ${String(accessionNo)}: filedAtMs must be a finite number`,
      );
    }
    try {
      const entry = encodeStreamEntry(filing);
      const ticker =
        typeof filing.ticker === 'string' ? filing.ticker.trim() : '';
      return {
        keys: [
          keys.stream,
          keys.seen(accessionNo),
          keys.filing(accessionNo),
          keys.latest,
          keys.history,
          keys.cik(filing.cik),
          keys.formType(filing.formType),
          ...(ticker === '' ? [] : [keys.ticker(ticker)]),
        ],
        arguments: [
          entry[STREAM_FIELDS.accessionNo],
          entry[STREAM_FIELDS.data],
          String(filedAtMs),
          String(Math.floor(now())),
        ].concat([retentionMs, streamMaxLen, latestMax, tickerMax].map(String)),
      };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DedupError(
        'INVALID_FILING',
        `filing ${String(accessionNo)}: ${reason}`,
      );
    }
  }
}

function toPublishResult(reply: unknown): PublishResult {
  if (
    Array.isArray(reply) &&
    reply.length === 2 &&
    typeof reply[1] === 'string'
  ) {
    const [status, position] = reply as [unknown, string];
    if (status === 'published' || status === 'duplicate')
      return { status, position };
  }
  throw new DedupError(
    'UNEXPECTED_REPLY',
    `publish script replied ${JSON.stringify(reply)}`,
  );
}
