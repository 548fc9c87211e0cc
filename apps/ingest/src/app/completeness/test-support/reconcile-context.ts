// Real Redis under a unique prefix, dedup's publisher, the shared budget and a real HTTP
// stand-in of EDGAR's archive, for the completeness specs.
import { FilingPublisher } from '@secfeed/dedup';
import { parseEdgarIndex } from '@secfeed/edgar-index';
import { makeFiling } from '@secfeed/filing-model/testing';
import { decodeStreamEntry } from '@secfeed/filing-model/stored';
import type { Filing } from '@secfeed/filing-model';
import {
  createCompletenessKeys,
  createRedisKeys,
  type CompletenessKeys,
  type RedisKeys,
} from '@secfeed/redis-keys';
import { createLogger } from '@secfeed/service-runtime';
import { uniqueKeyPrefix, type TestRedis } from '@secfeed/test-kit';
import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { EdgarBudget } from '../../insights/edgar-budget';
import type { ArchiveStandIn } from '../../insights/test-support/archive-stand-in';
import {
  createCompletenessMetrics,
  type CompletenessMetrics,
} from '../completeness-metrics';
import type { ReconcileDeps } from '../reconcile-options';

export const UA = 'Secfeed Tests tests@secfeed.example';
/** 23:00 in New York on Wednesday 2020-03-18: the day's index is due. */
export const EVENING_20200318 = Date.parse('2020-03-19T03:00:00Z');

export interface ReconcileContext {
  readonly prefix: string;
  readonly keys: RedisKeys;
  readonly completenessKeys: CompletenessKeys;
  readonly metrics: CompletenessMetrics;
  readonly registry: Registry;
  readonly logs: Array<Record<string, unknown>>;
  readonly deps: ReconcileDeps;
  readonly publisher: FilingPublisher;
}

export function reconcileContext(
  redis: TestRedis,
  archive: ArchiveStandIn,
  now = () => EVENING_20200318,
): ReconcileContext {
  const prefix = uniqueKeyPrefix('completeness');
  const keys = createRedisKeys(prefix);
  const completenessKeys = createCompletenessKeys(prefix);
  const registry = new Registry();
  const metrics = createCompletenessMetrics(registry);
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger(
    'test',
    'debug',
    new Writable({
      write(chunk, _e, done) {
        logs.push(JSON.parse(chunk.toString()));
        done();
      },
    }),
  );
  const publisher = new FilingPublisher(redis, {
    keys,
    retentionMs: 86_400_000,
  });
  const deps: ReconcileDeps = {
    redis,
    keys,
    completenessKeys,
    publisher,
    budget: new EdgarBudget(redis, {
      key: keys.edgarBudget,
      requestsPerSecond: 9,
    }),
    archivesUrl: archive.url,
    userAgent: UA,
    retentionMs: 7 * 86_400_000,
    metrics,
    logger,
    retry: { minDelayMs: 10, maxDelayMs: 50, maxAttempts: 3 },
    now,
  };
  return {
    prefix,
    keys,
    completenessKeys,
    metrics,
    registry,
    logs,
    deps,
    publisher,
  };
}

/** Publishes, as a live source would have, every accession of `indexText` but `except`. */
export async function publishAllBut(
  publisher: FilingPublisher,
  indexText: string,
  except: readonly string[],
): Promise<number> {
  const filings = parseEdgarIndex(indexText)
    .accessions.filter((a) => !except.includes(a.accessionNo))
    .map((a) =>
      makeFiling({
        accessionNo: a.accessionNo,
        cik: a.entities[0].cik,
        companyName: a.entities[0].companyName,
        formType: a.formType,
        filedAt: '2020-03-18T16:00:00-04:00',
        source: 'sec-api',
      }),
    );
  for (let at = 0; at < filings.length; at += 500)
    await publisher.publishBatch(filings.slice(at, at + 500));
  return filings.length;
}

/** The filings in the stream, oldest first. */
export async function streamFilings(
  redis: TestRedis,
  keys: RedisKeys,
): Promise<Filing[]> {
  const entries = await redis.xRange(keys.stream, '-', '+');
  return entries.flatMap((entry) => {
    const decoded = decodeStreamEntry(entry.message);
    return decoded.ok && decoded.value.kind === 'filing'
      ? [JSON.parse(decoded.value.data) as Filing]
      : [];
  });
}
