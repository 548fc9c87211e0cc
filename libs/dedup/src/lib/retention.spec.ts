import {
  redisTestContext,
  TestClient,
} from '../test-support/redis-test-context';
import { TestFiling, testFiling } from '../test-support/filings';
import {
  pause,
  ProbedEntry,
  redisNowMs,
  repeatedAccessions,
  streamEntries,
} from '../test-support/retention-probe';
import { FilingPublisher } from './filing-publisher';
import { SEEN_MARK_GRACE_MS } from './publish-script';
import { decodeIndexMember } from './index-member';

// Seconds, not days: seen-marks and documents expire by Redis's clock, in real time.
const RETENTION_MS = 1000;
const ROUND_MS = 300;
const ROUNDS = 9;

/**
 * Retention suite: filings published over about three seconds with a one-second retention, every
 * filing ever sent re-sent in every round (as reconnects, backfills and replicas do). After each
 * round nothing may be older than its retention (stream entries, seen-marks, documents, index
 * members), and no accession number may be published again while its first copy is in the
 * stream, where a client resuming with `since` would get it twice.
 */
describe('retention', () => {
  const ctx = redisTestContext('retention');
  const { keys } = ctx;
  let client: TestClient;
  let publisher: FilingPublisher;

  beforeAll(async () => {
    client = await ctx.connect();
    publisher = new FilingPublisher(client, {
      keys,
      retentionMs: RETENTION_MS,
    });
  });

  afterAll(() => ctx.close());

  // The feed's active filer is in every round; the idle one files once, in round 0, never again.
  const active = { ticker: 'ACTIVE', cik: '1', formType: '8-K' };
  const idle = { ticker: 'IDLE', cik: '2', formType: '10-K' };
  const activeSets = () => [
    keys.latest,
    keys.history,
    keys.ticker(active.ticker),
    keys.cik(active.cik),
    keys.formType(active.formType),
  ];
  const idleSets = () => [
    keys.ticker(idle.ticker),
    keys.cik(idle.cik),
    keys.formType(idle.formType),
  ];

  /**
   * When `key` expires (epoch ms). A key already gone must have expired by now: time passes
   * between the publish and these reads, and nothing trims the stream in between.
   */
  async function expiryOf(key: string, expected: number): Promise<number> {
    const at = await client.pExpireTime(key);
    if (at !== -2) return at;
    expect(await redisNowMs(client, keys)).toBeGreaterThan(expected);
    return expected;
  }

  async function expectEntriesWithinRetention(
    entries: readonly ProbedEntry[],
    redisBefore: number,
  ): Promise<void> {
    for (const entry of entries) {
      // Trimmed by the publish that just ran, whose clock read at least redisBefore.
      expect(entry.ms).toBeGreaterThanOrEqual(redisBefore - RETENTION_MS);
      // Its document lives exactly as long as it may stay in the stream; its seen-mark names it
      // and lives the grace second longer.
      const expiresAt = entry.ms + RETENTION_MS;
      const mark = await client.get(keys.seen(entry.accessionNo));
      if (mark !== null) expect(mark).toBe(entry.position);
      for (const [key, at] of [
        [keys.filing(entry.accessionNo), expiresAt],
        [keys.seen(entry.accessionNo), expiresAt + SEEN_MARK_GRACE_MS],
      ] as const)
        expect(await expiryOf(key, at)).toBe(at);
    }
  }

  async function expectSetsWithinRetention(
    sets: readonly string[],
    callerBefore: number,
  ): Promise<void> {
    for (const key of sets) {
      for (const { value, score } of await client.zRangeWithScores(
        key,
        0,
        -1,
      )) {
        expect(score).toBeGreaterThanOrEqual(callerBefore - RETENTION_MS);
        // The document it points at outlives the member's own horizon.
        const accessionNo = decodeIndexMember(value)?.accessionNo ?? '';
        const horizon = score + RETENTION_MS;
        expect(
          await expiryOf(keys.filing(accessionNo), horizon),
        ).toBeGreaterThanOrEqual(horizon);
      }
    }
  }

  it('lets nothing outlive its retention and publishes no accession number twice while its first copy is replayable', async () => {
    const sent: TestFiling[] = [];
    const lastPosition = new Map<string, string>();
    let republished = 0;
    let duplicates = 0;
    let idleWrittenAt = 0;
    const idleFiling = testFiling(100, { ...idle, filedAtMs: Date.now() });

    for (let round = 0; round < ROUNDS; round += 1) {
      const fresh = [0, 1, 2].map((i) =>
        testFiling(round * 3 + i, { ...active, filedAtMs: Date.now() }),
      );
      const batch = [...fresh, ...sent, ...(round === 0 ? [idleFiling] : [])];

      const redisBefore = await redisNowMs(client, keys);
      const callerBefore = Date.now();
      const results = await publisher.publishBatch(batch);
      const redisAfter = await redisNowMs(client, keys);
      if (round === 0) idleWrittenAt = redisAfter;
      const after = await streamEntries(client, keys);

      expect(repeatedAccessions(after)).toEqual([]);
      results.forEach((result, i) => {
        const { accessionNo } = batch[i];
        const previous = lastPosition.get(accessionNo);
        if (result.status === 'duplicate') {
          duplicates += 1;
          expect(result.position).toBe(previous);
          return;
        }
        // Published again: its first copy was past the retention and has left the stream (in
        // this call, or in an earlier one that ran after the copy's seen-mark expired).
        if (previous !== undefined) {
          republished += 1;
          expect(Number(previous.split('-')[0]) + RETENTION_MS).toBeLessThan(
            redisAfter,
          );
          expect(after.map((e) => e.position)).not.toContain(previous);
        }
        lastPosition.set(accessionNo, result.position);
      });
      await expectEntriesWithinRetention(after, redisBefore);
      await expectSetsWithinRetention(activeSets(), callerBefore);
      for (const key of idleSets())
        expect(await client.pExpireTime(key)).toBeLessThanOrEqual(
          idleWrittenAt + RETENTION_MS,
        );

      sent.push(...fresh);
      await pause(ROUND_MS);
    }
    // The run must have exercised both sides of the seen-mark's life.
    expect(duplicates).toBeGreaterThan(0);
    expect(republished).toBeGreaterThan(0);

    // A quiet spell past the retention: every document and the idle sets expire on time.
    await pause(RETENTION_MS + 100);
    const everything = [...sent, idleFiling];
    for (const filing of everything)
      expect(await client.exists(keys.filing(filing.accessionNo))).toBe(0);
    for (const key of idleSets()) expect(await client.exists(key)).toBe(0);
    // The stream and the latest set wait for a trim: trimExpired (run periodically) or a publish.
    expect(await publisher.trimExpired()).toBeGreaterThan(0);
    expect(await streamEntries(client, keys)).toEqual([]);
    expect(await client.exists(keys.latest)).toBe(0);
    // The seen-marks follow within their grace second.
    await pause(SEEN_MARK_GRACE_MS);
    for (const filing of everything)
      expect(await client.exists(keys.seen(filing.accessionNo))).toBe(0);

    // Sent again now, every filing is published anew, once; filed too long ago to be indexed,
    // and the sets it touches lose what is past the horizon.
    const again = await publisher.publishBatch(everything);
    expect(again.every((r) => r.status === 'published')).toBe(true);
    const entries = await streamEntries(client, keys);
    expect(entries.map((e) => e.position)).toEqual(
      again.map((r) => r.position),
    );
    for (const key of [...activeSets(), ...idleSets()])
      expect(await client.exists(key)).toBe(0);
  }, 30_000); // about 5 s of real waits, plus room for a loaded machine
});
