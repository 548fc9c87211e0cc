import { FilingPublisher } from '@secfeed/dedup';
import { makeFiling } from '@secfeed/filing-model/testing';
import { createRedisKeys } from '@secfeed/redis-keys';
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  uniqueKeyPrefix,
  waitUntil,
  type TestRedis,
} from '@secfeed/test-kit';
import {
  startIngest,
  type RunningIngest,
} from '../test-support/ingest-harness';

const RETENTION_MS = 1500;

/**
 * A quiet service still removes what is past the retention: with nothing published, the stream
 * would otherwise keep entries replayable with `since` after their seen-marks expired.
 */
describe('ingest trims the retention while nothing is published (real Redis)', () => {
  const prefix = uniqueKeyPrefix('retention-trim');
  const keys = createRedisKeys(prefix);
  let redis: TestRedis;
  let ingest: RunningIngest | undefined;

  beforeAll(async () => {
    redis = await connectTestRedis();
  });

  afterAll(async () => {
    await ingest?.stop();
    await deleteKeysWithPrefix(redis, prefix);
    await redis.close();
  });

  it('empties the stream and the latest set once their entries are past the retention', async () => {
    const publisher = new FilingPublisher(redis, {
      keys,
      retentionMs: RETENTION_MS,
    });
    const filedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    await publisher.publishBatch([
      makeFiling({ filedAt }),
      makeFiling({ filedAt }),
    ]);
    expect(await redis.xLen(keys.stream)).toBe(2);

    // Switched off upstream: the service publishes nothing, only trims (every second here).
    ingest = await startIngest({
      SECFEED_KEY_PREFIX: prefix,
      STREAM_ENABLED: 'false',
      SECFEED_RETENTION_DAYS: String(RETENTION_MS / 86_400_000),
    });
    await waitUntil(
      async () => (await redis.xLen(keys.stream)) === 0,
      'the stream trimmed by the service',
      RETENTION_MS + 5000,
    );
    expect(await redis.exists(keys.latest)).toBe(0);
  });
});
