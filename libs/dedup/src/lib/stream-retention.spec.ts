import {
  redisTestContext,
  TestClient,
} from '../test-support/redis-test-context';
import { testFiling } from '../test-support/filings';
import {
  pause,
  redisNowMs,
  repeatedAccessions,
  streamEntries,
} from '../test-support/retention-probe';
import { FilingPublisher } from './filing-publisher';
import { SEEN_MARK_GRACE_MS } from './publish-script';

// Short enough to wait out in real time: seen-marks expire by Redis's clock, which no test drives.
const RETENTION_MS = 600;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The stream is what a client can replay with `since`. A seen-mark that expires while its stream
 * entry is still there lets the same accession number be published a second time, and a client
 * replaying from before the first copy then receives the filing twice.
 */
describe('FilingPublisher stream retention', () => {
  const contexts: Array<{ close(): Promise<void> }> = [];
  afterAll(() => Promise.all(contexts.map((c) => c.close())));

  async function tenant(name: string) {
    const ctx = redisTestContext(`stream-retention-${name}`);
    contexts.push(ctx);
    const client: TestClient = await ctx.connect();
    return { keys: ctx.keys, client };
  }

  it('never holds two copies of one accession number: the first copy leaves the stream before its seen-mark does', async () => {
    const { keys, client } = await tenant('twice');
    const publisher = new FilingPublisher(client, {
      keys,
      retentionMs: RETENTION_MS,
    });
    const filing = testFiling(1, { filedAtMs: Date.now() });
    const first = await publisher.publish(filing);
    await pause(RETENTION_MS + SEEN_MARK_GRACE_MS + 100);
    expect(await client.exists(keys.seen(filing.accessionNo))).toBe(0);

    const again = await publisher.publish(filing);
    expect(again.status).toBe('published');
    const entries = await streamEntries(client, keys);
    expect(repeatedAccessions(entries)).toEqual([]);
    expect(entries.map((e) => e.position)).toEqual([again.position]);
    expect(entries.map((e) => e.position)).not.toContain(first.position);
  });

  it('answers duplicate with the first position for as long as the first copy is in the stream', async () => {
    const { keys, client } = await tenant('duplicate');
    const publisher = new FilingPublisher(client, {
      keys,
      retentionMs: RETENTION_MS,
    });
    const filing = testFiling(2, { filedAtMs: Date.now() });
    const first = await publisher.publish(filing);
    await pause(RETENTION_MS / 2);
    // Another filing triggers the age trim; the first copy is younger than the retention.
    await publisher.publish(testFiling(3, { filedAtMs: Date.now() }));
    expect((await streamEntries(client, keys))[0].position).toBe(
      first.position,
    );
    expect(await publisher.publish(filing)).toEqual({
      status: 'duplicate',
      position: first.position,
    });
  });

  it('expires the document when its stream entry leaves the retention, and the seen-mark a grace second later', async () => {
    const { keys, client } = await tenant('expiry');
    const publisher = new FilingPublisher(client, {
      keys,
      retentionMs: DAY_MS,
    });
    const filing = testFiling(4, { filedAtMs: Date.now() });
    const { position } = await publisher.publish(filing);
    const entryMs = Number(position.split('-')[0]);
    // Both follow the entry's own ID + retention: one number on one clock, Redis's.
    expect(await client.pExpireTime(keys.seen(filing.accessionNo))).toBe(
      entryMs + DAY_MS + SEEN_MARK_GRACE_MS,
    );
    expect(await client.pExpireTime(keys.filing(filing.accessionNo))).toBe(
      entryMs + DAY_MS,
    );
  });

  it("trims by Redis's clock, whatever the publisher's clock says", async () => {
    const { keys, client } = await tenant('clock');
    // A publisher clock days behind would keep old entries; days ahead would drop new ones.
    const behind = new FilingPublisher(client, {
      keys,
      retentionMs: RETENTION_MS,
      now: () => Date.now() - 3 * DAY_MS,
    });
    const ahead = new FilingPublisher(client, {
      keys,
      retentionMs: RETENTION_MS,
      now: () => Date.now() + 3 * DAY_MS,
    });
    const old = testFiling(5, { filedAtMs: Date.now() });
    await behind.publish(old);
    await pause(RETENTION_MS + 100);

    const fresh = testFiling(6, { filedAtMs: Date.now() });
    const freshResult = await behind.publish(fresh);
    expect((await streamEntries(client, keys)).map((e) => e.position)).toEqual([
      freshResult.position,
    ]);
    expect(await ahead.publish(fresh)).toEqual({
      status: 'duplicate',
      position: freshResult.position,
    });
    expect((await streamEntries(client, keys)).map((e) => e.position)).toEqual([
      freshResult.position,
    ]);
  });

  it('keeps no entry older than the retention after a publish', async () => {
    const { keys, client } = await tenant('age');
    const publisher = new FilingPublisher(client, {
      keys,
      retentionMs: RETENTION_MS,
    });
    for (let n = 10; n < 14; n += 1) {
      await publisher.publish(testFiling(n, { filedAtMs: Date.now() }));
      await pause(RETENTION_MS / 3);
    }
    const before = await redisNowMs(client, keys);
    await publisher.publish(testFiling(14, { filedAtMs: Date.now() }));
    const entries = await streamEntries(client, keys);
    expect(entries.length).toBeLessThan(5);
    for (const entry of entries)
      expect(entry.ms).toBeGreaterThanOrEqual(before - RETENTION_MS);
  });
});
