import { easternIsoString } from '@secfeed/filing-model';
import {
  createRedisProcess,
  testRedisUrl,
  waitUntil,
  type AofMark,
  type RedisProcess,
} from '@secfeed/test-kit';
import type { SecApiSourceOptions } from '@secfeed/upstream-sources';
import type { QueryFault, QueryRequest } from '../test-support/fake-sec-api';
import { metric } from '../test-support/ingest-harness';
import { UpstreamScenario } from '../test-support/upstream-scenario';

jest.setTimeout(60_000);

/** Timers short enough for a spec; the defaults are seconds to minutes. */
const FAST = {
  retry: { minDelayMs: 20, maxDelayMs: 50 },
  backfillRequestTimeoutMs: 400,
  backfillRetry: { minDelayMs: 20, maxDelayMs: 200 },
  backfillOverlapMs: 5_000,
};
/** For cases that count attempts: no request may time out on a loaded machine. */
const PATIENT = { ...FAST, backfillRequestTimeoutMs: 10_000 };
const SEED = 20200103;

/** mulberry32: a small seeded generator, so the "random" case is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seeded(SEED);
const chaos: QueryFault[] = [
  { status: 500 },
  'hang',
  'truncate',
  { status: 502 },
];

/**
 * The upstream fault matrix: whatever the Query API, the socket or Redis do around a gap, every
 * filing the (fake) upstream had ends up in the stream exactly once. Each case: 5 live filings,
 * a gap while the socket is down, 3 live filings after the reconnect, then the invariant.
 */
describe('ingest upstream fault matrix (sec-api)', () => {
  let scenario: UpstreamScenario | undefined;
  afterEach(async () => {
    await scenario?.dispose();
    scenario = undefined;
  });

  const queryApiCases: Array<{
    name: string;
    gap: number;
    fault: (request: QueryRequest, index: number) => QueryFault | undefined;
    /** Whether the case must see a failed attempt (the slow one must not). */
    fails?: false;
    /** Timers other than {@link FAST}'s. */
    secApi?: Partial<SecApiSourceOptions>;
  }> = [
    {
      name: 'Query API 500, 502, 503 in a row',
      gap: 3,
      fault: (_r, i) => (i < 3 ? { status: [500, 502, 503][i] } : undefined),
    },
    {
      name: 'a request that never answers (timeout)',
      gap: 3,
      fault: (_r, i) => (i === 0 ? 'hang' : undefined),
    },
    {
      name: 'the second page cut off mid-body',
      gap: 120,
      fault: (r, i) => (r.from === 50 && i < 3 ? 'truncate' : undefined),
    },
    {
      name: 'every page slow (within the timeout)',
      gap: 120,
      fault: () => ({ delayMs: 120 }),
      fails: false,
      // Slow, yet far within the timeout: two loaded cores once made a 120 ms answer take 400.
      secApi: { ...FAST, backfillRequestTimeoutMs: 2_000 },
    },
    {
      name: `a third of the requests failing at random (seed ${SEED})`,
      gap: 260,
      fault: () =>
        random() < 1 / 3
          ? chaos[Math.floor(random() * chaos.length)]
          : undefined,
    },
  ];

  it.each(queryApiCases)('$name', async ({ gap, fault, fails, secApi }) => {
    const s = (scenario = await UpstreamScenario.start(testRedisUrl(), {
      secApi: secApi ?? FAST,
    }));
    s.live(5);
    await s.settle();
    s.upstream.queryFault = fault;
    await s.gap(gap);
    s.live(3);
    await s.expectEveryFilingOnce();
    const failed = s.ingest?.logs.filter(
      (l) => l['code'] === 'BACKFILL_FAILED',
    );
    expect((failed?.length ?? 0) > 0).toBe(fails !== false);
  });

  it('429 with Retry-After: waits as long as asked before the next attempt', async () => {
    const s = (scenario = await UpstreamScenario.start(testRedisUrl(), {
      secApi: PATIENT,
    }));
    s.live(5);
    await s.settle();
    s.upstream.queryFault = (_r, i) =>
      i === 0 ? { status: 429, headers: { 'retry-after': '1' } } : undefined;
    await s.gap(4);
    await s.expectEveryFilingOnce();
    const retry = s.ingest?.logs.find((l) => l['msg'] === 'Backfill retry');
    expect(retry).toMatchObject({ attempt: 1 });
    expect(retry?.['delayMs']).toBeGreaterThanOrEqual(1000);
    expect(
      await metric(s.running.metrics, 'secfeed_ingest_backfill_retries_total'),
    ).toBe(1);
  });

  it('a gap larger than the offset cap: goes on from the last filing received', async () => {
    const s = (scenario = await UpstreamScenario.start(testRedisUrl(), {
      secApi: PATIENT,
    }));
    s.live(2);
    await s.settle();
    await s.gap(10_120);
    s.live(2);
    await s.expectEveryFilingOnce(40_000);
    expect(s.ingest?.logs.some((l) => l['code'] === 'BACKFILL_TRUNCATED')).toBe(
      true,
    );
    // One query stopped at the cap, one continuation from its last filing.
    const starts = s.upstream.queries
      .filter((q) => q.from === 0)
      .map((q) => q.query);
    expect(starts).toHaveLength(2);
  });

  it('the socket drops again while backfills run, twice', async () => {
    const s = (scenario = await UpstreamScenario.start(testRedisUrl(), {
      secApi: FAST,
    }));
    s.live(5);
    await s.settle();
    s.upstream.queryFault = () => ({ delayMs: 150 });
    await s.gap(150);
    s.live(2);
    await waitUntil(() => s.upstream.queries.length >= 1, 'a backfill');
    await s.gap(40);
    s.live(2);
    await waitUntil(() => s.upstream.queries.length >= 3, 'another backfill');
    await s.gap(10);
    s.live(3);
    await s.expectEveryFilingOnce();
  });

  it('a restart starts from the durable watermark, which live filings keep moving', async () => {
    const s = (scenario = await UpstreamScenario.start(testRedisUrl(), {
      secApi: FAST,
    }));
    s.live(6);
    await s.settle();
    // Covered from scratch: the live filings move the watermark, once published.
    const newest = s.upstream.had[s.upstream.had.length - 1];
    const key = s.probe.keys.watermark;
    await waitUntil(
      async () =>
        (await s.probe.client.hGet(key, 'filedAt')) === newest.filedAt,
      'the watermark at the newest live filing',
    );
    await s.stopIngest();
    s.hadOnly(7); // while no ingest runs
    const asked = s.upstream.queries.length;
    await s.startIngest({ secApi: FAST });
    await s.expectEveryFilingOnce();
    const from = easternIsoString(Date.parse(newest.filedAt) - 5000);
    expect(s.upstream.queries[asked].query).toBe(`filedAt:["${from}" TO *]`);
  });

  describe('with Redis outages (a private redis-server, stopped and started)', () => {
    let redis: RedisProcess;
    beforeAll(async () => {
      redis = await createRedisProcess();
      await redis.start();
    });
    afterAll(() => redis.dispose());

    /** Kills Redis and starts it again without what its AOF got after `mark`. */
    async function restartLosingWritesAfter(mark: AofMark): Promise<void> {
      await redis.kill();
      redis.loseWritesAfter(mark);
      await redis.start();
    }

    it('buffer overflow during an outage, a socket drop during it, and a failing Query API after it', async () => {
      const s = (scenario = await UpstreamScenario.start(redis.url, {
        env: { INGEST_BUFFER_SIZE: '5' },
        secApi: FAST,
      }));
      const running = s.running;
      s.live(4);
      await s.settle();
      await redis.kill();
      try {
        s.live(1);
        await waitUntil(
          () => running.service.readiness().reasons.includes('PUBLISH_FAILING'),
          'publishing to fail',
        );
        s.live(30); // 4 more fit in the buffer, the rest are dropped
        await s.gap(5);
        s.live(10);
        await waitUntil(
          async () =>
            (await metric(
              running.metrics,
              'secfeed_ingest_buffer_overflow_total',
            )) >= 30,
          'the buffer to drop',
        );
        s.upstream.queryFault = (_r, i) =>
          i % 2 === 0 ? { status: 503 } : undefined;
      } finally {
        await redis.start();
      }
      s.live(3);
      await s.expectEveryFilingOnce();
    });

    it('Redis restarted twice while a backfill pages through a large gap', async () => {
      const s = (scenario = await UpstreamScenario.start(redis.url, {
        env: { INGEST_BUFFER_SIZE: '20' },
        secApi: FAST,
      }));
      s.live(3);
      await s.settle();
      s.upstream.queryFault = () => ({ delayMs: 40 });
      await s.gap(400);
      for (let outage = 0; outage < 2; outage++) {
        await waitUntil(
          () => s.upstream.queries.length >= 2 + outage * 3,
          'the backfill to page',
        );
        await redis.kill();
        s.live(30);
        await redis.start();
      }
      s.upstream.queryFault = undefined;
      s.live(2);
      await s.expectEveryFilingOnce(30_000);
    });

    it('a restart that lost the tail of its AOF: what Redis acknowledged and lost is published again, once', async () => {
      const s = (scenario = await UpstreamScenario.start(redis.url, {
        secApi: FAST,
      }));
      s.live(4);
      await s.settle();
      const mark = redis.aofMark();
      s.live(6);
      await s.settle();
      await restartLosingWritesAfter(mark);
      s.live(2);
      await s.expectEveryFilingOnce();
      expect(s.messages()).toContain(
        'Redis lost acknowledged filings; publishing them again',
      );
      expect(
        await metric(
          s.running.metrics,
          'secfeed_ingest_lost_writes_republished_total',
        ),
      ).toBe(6);
    });

    it('a restart that lost every filing this process published (older entries remain): all published again, once', async () => {
      const s = (scenario = await UpstreamScenario.start(redis.url, {
        secApi: FAST,
      }));
      s.live(3);
      await s.settle();
      // A new process remembers none of the first three: what it can check starts after them.
      await s.stopIngest();
      await s.startIngest({ secApi: FAST });
      const mark = redis.aofMark();
      s.live(5);
      await s.settle();
      await restartLosingWritesAfter(mark);
      s.live(1);
      await s.expectEveryFilingOnce();
      expect(
        await metric(
          s.running.metrics,
          'secfeed_ingest_lost_writes_republished_total',
        ),
      ).toBe(5);
    });
  });
});
