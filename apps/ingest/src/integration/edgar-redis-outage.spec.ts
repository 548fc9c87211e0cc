import {
  createRedisProcess,
  uniqueKeyPrefix,
  waitUntil,
  type RedisProcess,
} from '@secfeed/test-kit';
import {
  atomFeed,
  FeedServer,
  type TestEntry,
} from '@secfeed/upstream-sources/testing';
import {
  metric,
  startIngest,
  StreamProbe,
  type RunningIngest,
} from '../test-support/ingest-harness';
import {
  numberedFeedEntry,
  TEST_USER_AGENT,
} from '../test-support/numbered-feed-entry';

jest.setTimeout(60_000);

const USER_AGENT = TEST_USER_AGENT;

/** Entry n of this spec's series. */
const entry = (n: number) =>
  numberedFeedEntry(n, { name: 'OUTAGE CO', filer: 3 });

/**
 * The `edgar` source through a Redis outage long enough for the publish buffer to overflow: the
 * filings the buffer dropped are read from the feed again once Redis has taken the buffer, so
 * every filing the feed listed is in the stream exactly once.
 */
describe('ingest edgar source with a Redis outage (a private redis-server)', () => {
  let redis: RedisProcess;
  let feed: FeedServer;
  let ingest: RunningIngest | undefined;
  let probe: StreamProbe | undefined;
  /** The feed's entries, oldest first; the server lists them newest first. */
  const had: TestEntry[] = [];
  const add = (count: number) => {
    const from = had.length;
    had.push(...Array.from({ length: count }, (_, i) => entry(from + i)));
  };
  const polls = () =>
    feed.requests.filter((r) => r.url.searchParams.get('start') === '0').length;

  beforeAll(async () => {
    redis = await createRedisProcess();
    await redis.start();
    feed = await FeedServer.start((request) => {
      const start = Number(request.url.searchParams.get('start'));
      const count = Number(request.url.searchParams.get('count'));
      const newestFirst = [...had].reverse().slice(start, start + count);
      return FeedServer.atom(atomFeed(newestFirst));
    });
  });
  afterAll(async () => {
    await ingest?.stop();
    await probe?.dispose();
    await feed.close();
    await redis.dispose();
  });

  it('buffer overflow during the outage: every filing once, after Redis is back', async () => {
    const prefix = uniqueKeyPrefix('edgar-outage');
    probe = await StreamProbe.connect(redis.url, prefix);
    const stream = probe;
    add(10);
    const running = (ingest = await startIngest({
      REDIS_URL: redis.url,
      SECFEED_KEY_PREFIX: prefix,
      INGEST_SOURCE: 'edgar',
      SEC_USER_AGENT: USER_AGENT,
      EDGAR_FEED_URL: feed.feedUrl,
      EDGAR_POLL_MS: '1000',
      INGEST_BUFFER_SIZE: '5',
    }));
    await waitUntil(
      async () => (await stream.accessions()).length === 10,
      'the first poll',
    );
    await redis.kill();
    try {
      add(2);
      await waitUntil(
        () => running.service.readiness().reasons.includes('PUBLISH_FAILING'),
        'publishing to fail',
        20_000,
      );
      add(150); // 3 more fit in the buffer, the rest are dropped
      await waitUntil(
        async () =>
          (await metric(
            running.metrics,
            'secfeed_ingest_buffer_overflow_total',
          )) >= 147,
        'the buffer to drop',
        20_000,
      );
      add(30);
      const before = polls();
      await waitUntil(() => polls() >= before + 2, 'a poll of the newest');
    } finally {
      await redis.start();
    }
    await waitUntil(
      async () => (await stream.accessions()).length >= had.length,
      `all ${had.length} filings`,
      20_000,
    ).catch(() => undefined);
    const accessions = await stream.accessions();
    expect([...accessions].sort()).toEqual(
      had.map((e) => e.accessionNo).sort(),
    );
  });
});
