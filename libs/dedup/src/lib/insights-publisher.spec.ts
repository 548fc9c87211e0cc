import { decodeStreamEntry as decodeStored } from '@secfeed/filing-model/stored';
import {
  redisTestContext,
  type TestClient,
} from '../test-support/redis-test-context';
import { testFiling } from '../test-support/filings';
import { DedupError } from './dedup-error';
import { FilingPublisher } from './filing-publisher';
import type { InsightsPublishResult } from './insights-publish-result';
import { SEEN_MARK_GRACE_MS } from './publish-script';

const DAY_MS = 86_400_000;
const INSIGHTS = {
  items: [
    { code: '2.02', title: 'Results of Operations and Financial Condition' },
  ],
};

describe('FilingPublisher.publishInsights', () => {
  const ctx = redisTestContext('insights');
  const { keys } = ctx;
  let client: TestClient;
  let publisher: FilingPublisher;

  beforeAll(async () => {
    client = await ctx.connect();
    publisher = new FilingPublisher(client, { keys, retentionMs: DAY_MS });
  });

  afterAll(() => ctx.close());

  it('appends one insights entry after its filing, marks it seen for the retention, and stores the filing with its insights', async () => {
    const filing = testFiling(1, { formType: '8-K' });
    const published = await publisher.publish(filing);
    const withInsights = { ...filing, insights: INSIGHTS };
    const result = await publisher.publishInsights(withInsights);
    expect(result.status).toBe('published');
    expect(result.position > published.position).toBe(true);

    const entries = await client.xRange(keys.stream, '-', '+');
    expect(entries.map((e) => e.id)).toEqual([
      published.position,
      result.position,
    ]);
    const decoded = decodeStored(entries[1].message);
    expect(decoded.ok && decoded.value.kind).toBe('insights');
    expect(decoded.ok && decoded.value.accessionNo).toBe(filing.accessionNo);
    expect(
      decoded.ok && decoded.value.kind === 'insights' && decoded.value.insights,
    ).toEqual(INSIGHTS);
    expect(entries[1].message['data']).toBe(JSON.stringify(withInsights));

    // The insights' seen-mark lives as long as their entry can, plus the grace, on Redis's clock.
    const seenKey = keys.insightsSeen(filing.accessionNo);
    expect(await client.get(seenKey)).toBe(result.position);
    const expiresAt = await client.pExpireTime(seenKey);
    expect(expiresAt).toBe(
      Number(result.position.split('-')[0]) + DAY_MS + SEEN_MARK_GRACE_MS,
    );

    // The document is the filing with its insights, expiring with the filing's entry still.
    const doc = keys.filing(filing.accessionNo);
    expect(await client.get(doc)).toBe(JSON.stringify(withInsights));
    expect(await client.pExpireTime(doc)).toBe(
      Number(published.position.split('-')[0]) + DAY_MS,
    );
  });

  it('answers duplicate with the first position when the same insights come again, and writes nothing', async () => {
    const filing = testFiling(2, { formType: '4' });
    await publisher.publish(filing);
    const first = await publisher.publishInsights({
      ...filing,
      insights: INSIGHTS,
    });
    const again = await publisher.publishInsights({
      ...filing,
      insights: { problems: [{ code: 'X', message: 'other' }] },
    });
    expect(again).toEqual({ status: 'duplicate', position: first.position });
    const entries = await client.xRange(keys.stream, first.position, '+');
    expect(entries).toHaveLength(1);
    expect(
      JSON.parse((await client.get(keys.filing(filing.accessionNo))) ?? '{}')
        .insights,
    ).toEqual(INSIGHTS);
  });

  it('writes nothing for a filing that is not in the stream', async () => {
    const filing = testFiling(3);
    const before = await client.xLen(keys.stream);
    expect(
      await publisher.publishInsights({ ...filing, insights: INSIGHTS }),
    ).toEqual({
      status: 'no-filing',
      position: '',
    });
    expect(await client.xLen(keys.stream)).toBe(before);
    expect(await client.exists(keys.insightsSeen(filing.accessionNo))).toBe(0);
  });

  it('publishes exactly once when 4 connections race with the insights of 50 filings, 5 times each', async () => {
    const filings = Array.from({ length: 50 }, (_, i) =>
      testFiling(100 + i, { formType: '4' }),
    );
    await publisher.publishBatch(filings);
    const clients = await Promise.all([1, 2, 3, 4].map(() => ctx.connect()));
    const racers = clients.map(
      (c) => new FilingPublisher(c, { keys, retentionMs: DAY_MS }),
    );
    const results: Array<{
      accessionNo: string;
      result: InsightsPublishResult;
    }> = [];
    await Promise.all(
      racers.flatMap((racer) =>
        Array.from({ length: 5 }, () =>
          Promise.all(
            filings.map(async (filing) =>
              results.push({
                accessionNo: filing.accessionNo,
                result: await racer.publishInsights({
                  ...filing,
                  insights: INSIGHTS,
                }),
              }),
            ),
          ),
        ),
      ),
    );
    const published = results.filter((r) => r.result.status === 'published');
    expect(published).toHaveLength(50);
    expect(new Set(published.map((r) => r.accessionNo)).size).toBe(50);
    const positionOf = new Map(
      published.map((r) => [r.accessionNo, r.result.position]),
    );
    for (const { accessionNo, result } of results)
      expect(result.position).toBe(positionOf.get(accessionNo));
    const insightsEntries = (await client.xRange(keys.stream, '-', '+')).filter(
      (e) =>
        e.message['kind'] === 'insights' &&
        positionOf.has(e.message['accessionNo']),
    );
    expect(insightsEntries).toHaveLength(50);
  });

  it('publishes the insights again for a filing published anew after its first copy left', async () => {
    const filing = testFiling(4, { formType: '8-K' });
    await publisher.publish(filing);
    const first = await publisher.publishInsights({
      ...filing,
      insights: INSIGHTS,
    });
    // The first copy's entry and seen-mark gone (past the retention), the insights' mark not yet.
    await client.del(keys.seen(filing.accessionNo));
    const again = await publisher.publish(filing);
    expect(again.status).toBe('published');
    const second = await publisher.publishInsights({
      ...filing,
      insights: INSIGHTS,
    });
    expect(second.status).toBe('published');
    expect(
      second.position > again.position && again.position > first.position,
    ).toBe(true);
  });

  it('refuses insights that are not an object, or an accession number no key can name, writing nothing', async () => {
    const filing = testFiling(5);
    await expect(
      publisher.publishInsights({
        ...filing,
        insights: [] as unknown as object,
      }),
    ).rejects.toThrow(DedupError);
    await expect(
      publisher.publishInsights({
        ...filing,
        accessionNo: 'a {b}',
        insights: {},
      }),
    ).rejects.toMatchObject({ code: 'INVALID_FILING' });
  });
});
