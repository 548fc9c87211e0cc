import {
  redisTestContext,
  TestClient,
} from '../test-support/redis-test-context';
import { testFiling } from '../test-support/filings';
import { pause } from '../test-support/retention-probe';
import { FilingPublisher } from './filing-publisher';
import { decodeIndexMember, encodeIndexMember } from './index-member';
import { SEEN_MARK_GRACE_MS } from './publish-script';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The sorted sets point at documents that expire with the retention. A set trimmed by count only,
 * whose TTL every publish renews, keeps members of an active ticker (or the latest set) for
 * months after their documents are gone. The publisher's clock is injected here: the sets'
 * horizon compares `filedAtMs` with it.
 */
describe('FilingPublisher index retention', () => {
  const contexts: Array<{ close(): Promise<void> }> = [];
  afterAll(() => Promise.all(contexts.map((c) => c.close())));

  let now = Date.now();
  async function tenant(name: string) {
    const ctx = redisTestContext(`index-retention-${name}`);
    contexts.push(ctx);
    const client: TestClient = await ctx.connect();
    const publisher = new FilingPublisher(client, {
      keys: ctx.keys,
      retentionMs: DAY_MS,
      now: () => now,
    });
    return { keys: ctx.keys, client, publisher };
  }

  async function accessions(client: TestClient, key: string) {
    const members = await client.zRange(key, 0, -1);
    return members.map((m) => decodeIndexMember(m)?.accessionNo);
  }

  it('drops members filed before now - retention from an active ticker set and the latest set', async () => {
    const { keys, client, publisher } = await tenant('active');
    now = Date.now();
    const early = testFiling(1, { ticker: 'ACME', filedAtMs: now - 1000 });
    await publisher.publish(early);

    // A day and a half later the ticker is still active; its first filing is past the horizon.
    now += 1.5 * DAY_MS;
    const later = testFiling(2, { ticker: 'ACME', filedAtMs: now - 1000 });
    await publisher.publish(later);

    for (const key of [keys.ticker('ACME'), keys.latest, keys.history])
      expect(await accessions(client, key)).toEqual([later.accessionNo]);
  });

  it('trims by age a set the call touches even when the filing itself is too old to be indexed', async () => {
    const { keys, client, publisher } = await tenant('stale');
    now = Date.now();
    const kept = testFiling(3, { ticker: 'OLDCO', filedAtMs: now - 1000 });
    await publisher.publish(kept);

    now += 2 * DAY_MS;
    const stale = testFiling(4, {
      ticker: 'OLDCO',
      filedAtMs: now - 3 * DAY_MS,
    });
    expect((await publisher.publish(stale)).status).toBe('published');
    // Both are past the horizon: the set is emptied, so the key is gone.
    for (const key of [keys.ticker('OLDCO'), keys.latest, keys.history])
      expect(await client.exists(key)).toBe(0);
  });

  it('keeps one member per accession number when a filing published anew is still within the horizon of a clock behind Redis', async () => {
    const ctx = redisTestContext('index-retention-anew');
    contexts.push(ctx);
    const client: TestClient = await ctx.connect();
    const { keys } = ctx;
    // The publisher's clock runs 5 s behind Redis's, which expires the seen-mark in real time.
    const publisher = new FilingPublisher(client, {
      keys,
      retentionMs: 300,
      now: () => Date.now() - 5000,
    });
    const filing = testFiling(7, { ticker: 'ANEW', filedAtMs: Date.now() });
    const first = await publisher.publish(filing);
    // Other filings of the ticker keep the sets alive (their TTL is the 300 ms retention) while
    // the seen-mark expires.
    const deadline = Date.now() + 300 + SEEN_MARK_GRACE_MS + 100;
    for (let n = 100; Date.now() < deadline; n += 1) {
      await publisher.publish(
        testFiling(n, { ticker: 'ANEW', filedAtMs: Date.now() }),
      );
      await pause(100);
    }

    const again = await publisher.publish(filing);
    expect(again.status).toBe('published');
    expect(again.position).not.toBe(first.position);
    for (const key of [keys.ticker('ANEW'), keys.latest, keys.history]) {
      const members = await client.zRange(key, 0, -1);
      expect(
        members.filter(
          (m) => decodeIndexMember(m)?.accessionNo === filing.accessionNo,
        ),
      ).toEqual([encodeIndexMember(again.position, filing.accessionNo)]);
    }
  });

  it('does not renew the TTL of a set for a filing it does not index', async () => {
    const { keys, client, publisher } = await tenant('ttl');
    now = Date.now();
    await publisher.publish(
      testFiling(5, { ticker: 'TTLCO', filedAtMs: now - 1000 }),
    );
    const ttlBefore = await client.pExpireTime(keys.ticker('TTLCO'));
    await publisher.publish(
      testFiling(6, { ticker: 'TTLCO', filedAtMs: now - 2 * DAY_MS }),
    );
    expect(await client.pExpireTime(keys.ticker('TTLCO'))).toBe(ttlBefore);
    expect(await accessions(client, keys.ticker('TTLCO'))).toHaveLength(1);
  });
});
