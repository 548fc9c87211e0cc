import { waitUntil } from '@secfeed/test-kit';
import {
  redisTestContext,
  TestClient,
} from '../test-support/redis-test-context';
import { testFiling, testFilings } from '../test-support/filings';
import { FilingPublisher } from './filing-publisher';
import { SEEN_MARK_GRACE_MS } from './publish-script';
import { decodeIndexMember, encodeIndexMember } from './index-member';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('FilingPublisher memory bounds', () => {
  const ctx = redisTestContext('bounds');
  const { keys } = ctx;
  let client: TestClient;

  beforeAll(async () => {
    client = await ctx.connect();
  });

  afterAll(() => ctx.close());

  // Each test works on its own tenant, so caps and counts do not mix.
  async function tenant(name: string) {
    const scoped = redisTestContext(`bounds-${name}`);
    const scopedClient = await scoped.connect();
    afterAllClose.push(scoped);
    return { keys: scoped.keys, client: scopedClient, scoped };
  }
  const afterAllClose: Array<{ close(): Promise<void> }> = [];
  afterAll(() => Promise.all(afterAllClose.map((c) => c.close())));

  it('keeps the newest 500 filings in the latest set when 600 arrive', async () => {
    const publisher = new FilingPublisher(client, { keys });
    const filings = testFilings(600);
    await publisher.publishBatch(filings);
    expect(await client.zCard(keys.latest)).toBe(500);
    const [oldest] = await client.zRangeWithScores(keys.latest, 0, 0);
    expect(oldest.score).toBe(filings[100].filedAtMs);
  });

  it('caps each ticker set at tickerMax, keeping the newest', async () => {
    const t = await tenant('ticker');
    const publisher = new FilingPublisher(t.client, {
      keys: t.keys,
      tickerMax: 10,
    });
    const filings = testFilings(30, 0, { ticker: 'MSFT' }).map((f, i) => ({
      ...f,
      filedAtMs: f.filedAtMs + i,
    }));
    await publisher.publishBatch(filings);
    const kept = await t.client.zRange(t.keys.ticker('msft'), 0, -1);
    expect(kept.map((m) => decodeIndexMember(m)?.accessionNo)).toEqual(
      filings.slice(20).map((f) => f.accessionNo),
    );
  });

  it('trims the stream approximately to streamMaxLen', async () => {
    const t = await tenant('stream');
    const publisher = new FilingPublisher(t.client, {
      keys: t.keys,
      streamMaxLen: 100,
    });
    for (let i = 0; i < 1000; i += 200)
      await publisher.publishBatch(testFilings(200, i));
    const length = await t.client.xLen(t.keys.stream);
    // MAXLEN ~ trims whole radix-tree nodes (stream-node-max-entries, 100 by default).
    expect(length).toBeGreaterThanOrEqual(100);
    expect(length).toBeLessThanOrEqual(200);
  });

  it('expires seen-marks and documents after retentionMs, after which the filing publishes again', async () => {
    const t = await tenant('expiry');
    const publisher = new FilingPublisher(t.client, {
      keys: t.keys,
      retentionMs: 300,
    });
    const filing = testFiling(1, { filedAtMs: Date.now() });
    const first = await publisher.publish(filing);
    for (const [key, bound] of [
      [t.keys.seen(filing.accessionNo), 300 + SEEN_MARK_GRACE_MS],
      [t.keys.filing(filing.accessionNo), 300],
    ] as const) {
      const ttl = await t.client.pTTL(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(bound);
    }
    expect((await publisher.publish(filing)).status).toBe('duplicate');

    await waitUntil(
      async () =>
        (await t.client.exists(t.keys.seen(filing.accessionNo))) === 0,
      'the seen mark to expire',
      3000,
    );
    expect(await t.client.exists(t.keys.filing(filing.accessionNo))).toBe(0);
    const again = await publisher.publish(filing);
    expect(again.status).toBe('published');
    expect(again.position).not.toBe(first.position);
  });

  it('drops index entries filed before now - retentionMs and never indexes such filings', async () => {
    const t = await tenant('history');
    let now = Date.UTC(2025, 5, 2);
    const publisher = new FilingPublisher(t.client, {
      keys: t.keys,
      retentionMs: DAY_MS,
      now: () => now,
    });
    const old = testFiling(1, {
      filedAtMs: now - 1000,
      cik: '42',
      formType: '4',
    });
    const oldResult = await publisher.publish(old);

    now += 2 * DAY_MS;
    const fresh = testFiling(2, {
      filedAtMs: now - 1000,
      cik: '42',
      formType: '4',
    });
    const stale = testFiling(3, {
      filedAtMs: now - 3 * DAY_MS,
      cik: '42',
      formType: '4',
    });
    const [freshResult, staleResult] = await publisher.publishBatch([
      fresh,
      stale,
    ]);
    expect(staleResult.status).toBe('published');

    const freshMember = encodeIndexMember(
      freshResult.position,
      fresh.accessionNo,
    );
    for (const index of [
      t.keys.history,
      t.keys.cik('42'),
      t.keys.formType('4'),
    ]) {
      expect(await t.client.zRange(index, 0, -1)).toEqual([freshMember]);
      const ttl = await t.client.pTTL(index);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(DAY_MS);
    }
    // The latest set is trimmed by age as well as by count (index-retention.spec.ts).
    expect(await t.client.zRange(t.keys.latest, 0, -1)).toEqual([freshMember]);
    expect(oldResult.status).toBe('published');
  });

  it('leaves no key without a bound: everything but the capped stream expires', async () => {
    for (const key of await ctx.allKeys()) {
      const ttl = await client.pTTL(key);
      if (key === keys.stream) expect(ttl).toBe(-1);
      else expect(ttl).toBeGreaterThan(0);
    }
  });
});
