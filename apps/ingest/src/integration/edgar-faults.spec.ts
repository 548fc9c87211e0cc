import { testRedisUrl, uniqueKeyPrefix, waitUntil } from '@secfeed/test-kit';
import {
  atomFeed,
  type FeedReply,
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
  numberedFeedEntry(n, { name: 'FAULT CO', filer: 2 });

/**
 * The upstream fault matrix for the `edgar` source: EDGAR answers 500, 502, 503 and a page that
 * is not XML, between good polls, while filings keep arriving (more than a page of them during
 * the failures). Every filing the feed listed is in the stream exactly once. (403 and 429 wait at
 * least 60 s by design; their backoff is covered by edgar-retry-delay.spec.)
 */
describe('ingest upstream fault matrix (edgar)', () => {
  let feed: FeedServer;
  let ingest: RunningIngest | undefined;
  let probe: StreamProbe;
  /** The feed's entries, oldest first; the server lists them newest first. */
  const had: TestEntry[] = [];
  /** What each poll's first request answers, in turn; 'ok' serves the feed. */
  const script: Array<'ok' | FeedReply> = [];

  beforeAll(async () => {
    feed = await FeedServer.start((request) => {
      const next =
        request.url.searchParams.get('start') === '0' ? script.shift() : 'ok';
      if (next && next !== 'ok') return next;
      const start = Number(request.url.searchParams.get('start'));
      const count = Number(request.url.searchParams.get('count'));
      const newestFirst = [...had].reverse().slice(start, start + count);
      return FeedServer.atom(atomFeed(newestFirst));
    });
  });
  afterAll(() => feed.close());
  afterEach(async () => {
    await ingest?.stop();
    await probe.dispose();
  });

  it('500, 502, 503 and a broken page between polls: every filing once', async () => {
    const prefix = uniqueKeyPrefix('edgar-faults');
    probe = await StreamProbe.connect(testRedisUrl(), prefix);
    had.push(...Array.from({ length: 10 }, (_, n) => entry(n)));
    script.push(
      'ok',
      { status: 503, body: 'busy', headers: { 'retry-after': '1' } },
      { status: 500, body: 'oops' },
      'ok',
      { body: '<html>maintenance</html>', contentType: 'text/html' },
      { status: 502, body: '' },
    );
    ingest = await startIngest({
      SECFEED_KEY_PREFIX: prefix,
      INGEST_SOURCE: 'edgar',
      SEC_USER_AGENT: USER_AGENT,
      EDGAR_FEED_URL: feed.feedUrl,
      EDGAR_POLL_MS: '1000',
    });
    await waitUntil(
      async () => (await probe.accessions()).length === 10,
      'the first poll',
    );
    // 150 more while the next polls fail: more than one page (100) when EDGAR is back.
    had.push(...Array.from({ length: 150 }, (_, n) => entry(10 + n)));
    await waitUntil(() => script.length <= 2, 'two failed polls', 20_000);
    had.push(...Array.from({ length: 20 }, (_, n) => entry(160 + n)));
    await waitUntil(() => script.length === 0, 'every scripted answer', 20_000);
    await waitUntil(
      async () => (await probe.accessions()).length >= had.length,
      `all ${had.length} filings`,
      20_000,
    ).catch(() => undefined);
    const stream = await probe.accessions();
    expect([...stream].sort()).toEqual(had.map((e) => e.accessionNo).sort());
    const errors = ingest.logs
      .filter((l) => l['msg'] === 'Upstream error')
      .map((l) => l['code']);
    expect(errors).toEqual(
      expect.arrayContaining([
        'EDGAR_HTTP_503',
        'EDGAR_HTTP_500',
        'EDGAR_FEED_INVALID',
        'EDGAR_HTTP_502',
      ]),
    );
    expect(
      await metric(ingest.metrics, 'secfeed_ingest_filings_duplicate_total'),
    ).toBe(0);
  });
});
