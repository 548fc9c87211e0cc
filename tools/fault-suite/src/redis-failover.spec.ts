/**
 * The master holding the feed's hash slot is SIGKILLed under load on a 3-master, 3-replica
 * Redis Cluster, and its replica is promoted. Replication is asynchronous: what the master had
 * acknowledged but not yet sent to its replica is gone from the new master, the stream entries
 * and, written by the same script, their seen-marks. The scenario makes that loss certain (the
 * replica's link is cut while the master takes 40 more filings) and checks that ingest
 * publishes them again, that nothing the upstream sent is missing, what connected clients see
 * twice, and that a client away across the failover is told its position is gone.
 */
import { createRedisKeys } from '@secfeed/redis-keys';
import { waitUntil } from '@secfeed/test-kit';
import {
  compareSequences,
  comparePositions,
  matchingIds,
} from './lib/invariant-checker';
import { FEED_SLOT, useFaultStack } from './test-support/fault-stack';

const STREAM_KEY = createRedisKeys('').stream;
/** Filings the old master takes after its replica's link is cut: all of them lost. */
const LOST = 40;
const LIMIT = 700;

describe('Redis Cluster failover of the feed master', () => {
  const start = useFaultStack();

  it('publishes again what the failover lost: every filing sent is in the stream once, clients get each lost one again once and are told recovered:false, a since from the lost part gets recovered:false', async () => {
    const stack = await start({
      rate: 150,
      limit: LIMIT,
      cluster: { replicasPerMaster: 1 },
    });
    const [ingest] = stack.ingests;
    const [gateway] = stack.gateways;
    const live = [...stack.clients];
    const all = live[0];
    const returning = await stack.addClient('returning');
    await stack.sentAtLeast(150);

    const readIds = async () =>
      (
        await stack.withRedis((redis) => redis.xRange(STREAM_KEY, '-', '+'))
      ).map((e) => e.id);
    // Entries the old master had beyond what its replica got: lost in the failover.
    let doomed: string[] = [];
    await stack.cluster.killMaster(FEED_SLOT, {
      whileReplicasStopped: async () => {
        const before = (await readIds()).length;
        await waitUntil(
          async () => (await readIds()).length >= before + LOST,
          `the master to take ${LOST} filings its replica never gets`,
        );
        const newest = (await readIds())[before + LOST - 1];
        // The returning client leaves holding a position of the part about to be lost; the
        // client of every filing has it too.
        await waitUntil(
          () =>
            [returning, all].every(
              (c) => comparePositions(c.lastPosition ?? '0-0', newest) >= 0,
            ),
          'the clients to receive filings of the part to be lost',
        );
        returning.goOffline();
        doomed = (await readIds()).slice(before);
      },
    });

    await stack.sentAtLeast(LIMIT, 60_000);
    // The stream: every filing sent, once. The lost ones come again after the failover (new
    // positions, after newer filings), so the set is checked, not the order.
    const report = await stack.settle({
      streamOrder: 'any',
      clients: () => [],
    });
    expect(stack.explain(report)).toBe('invariant holds');
    const stream = await stack.readStream();
    const newIds = new Set(stream.map((e) => e.id));
    const end = stream[stream.length - 1].id;
    await waitUntil(
      () => all.lastPosition === end,
      `the all-filings client to reach the stream's end\n${stack.explain({ ok: false, stream: report.stream, clients: {} })}`,
      30_000,
    );
    // Lost: what the old master held at the kill (read just before it, or delivered by the
    // gateway) that the new master does not.
    const lostIds = new Set(
      [
        ...doomed,
        ...stack.clients.flatMap((c) => c.arrivals.map((a) => a.position)),
      ].filter((id) => !newIds.has(id)),
    );
    expect(lostIds.size).toBeGreaterThanOrEqual(LOST);

    // Each live client: everything of the new stream after it joined, once, in stream order;
    // besides, what it got from the old master before the failover and the new master lost.
    // Only those can come twice, and each at most twice (once per master).
    const repeats: Record<string, number> = {};
    for (const client of live) {
      const fromNew = client.arrivals.filter((a) => newIds.has(a.position));
      const fromLost = client.arrivals.filter((a) => lostIds.has(a.position));
      const owed = matchingIds(
        stream.filter((e) => comparePositions(e.id, client.joinedAt) > 0),
        client,
      );
      expect({
        client: client.name,
        ...compareSequences(
          owed,
          fromNew.map((a) => a.accessionNo),
          true,
        ),
      }).toEqual({
        client: client.name,
        duplicates: [],
        missing: [],
        extra: [],
        outOfOrder: [],
        wrongPosition: [],
      });
      const again = new Set(fromNew.map((a) => a.accessionNo));
      repeats[client.name] = fromLost.filter((a) =>
        again.has(a.accessionNo),
      ).length;
      expect(repeats[client.name]).toBe(fromLost.length);
    }
    // The client of every filing got at least the LOST entries before the failover, so it sees
    // each of them twice: the failover's repeat.
    expect(repeats['all']).toBeGreaterThanOrEqual(LOST);
    // Each connected client is told, unasked, once: a second `subscribed`, recovered:false.
    await waitUntil(
      () => live.every((c) => c.acks.length >= 2),
      'each connected client to be told of the rollback',
    );
    for (const client of live) {
      expect({ client: client.name, acks: client.acks.slice(1) }).toEqual({
        client: client.name,
        acks: [expect.objectContaining({ recovered: false, withSince: false })],
      });
    }
    expect(await gateway.metric('secfeed_gateway_stream_rollbacks_total')).toBe(
      1,
    );

    // The client away across the failover comes back with a position of the lost part: the
    // stream marks it deleted, so it is told `recovered: false` (no replay, nothing repeated)
    // and goes on live from the position it is given.
    returning.comeBack();
    await waitUntil(
      () => returning.acks.length === 2,
      'the returning subscribe',
    );
    expect(returning.acks[1]).toMatchObject({
      withSince: true,
      recovered: false,
    });
    expect(returning.errors).toEqual([]);

    // What an operator sees.
    // The metric counts writes Redis acknowledged and then lost. It can be above what the
    // clients saw lost (a write no client got before the kill) and below it too: a write the old
    // master applied and delivered but whose answer died with it was never acknowledged, so the
    // publish pipeline sent it again itself. Either way each came again once (checked above).
    expect(
      await ingest.metric('secfeed_ingest_lost_writes_republished_total'),
    ).toBeGreaterThan(0);
    expect(ingest.messages('warn')).toEqual(
      expect.arrayContaining([
        'Redis connection lost; reconnecting',
        'Redis lost acknowledged filings; publishing them again',
      ]),
    );
    expect(gateway.messages('warn')).toEqual(
      expect.arrayContaining([
        'stream reader recovered',
        'stream rolled back; clients told recovered:false',
      ]),
    );
    await waitUntil(
      async () =>
        (await ingest.readiness()).status === 200 &&
        (await gateway.readiness()).status === 200,
      'ingest and gateway ready',
    );
    expect(await gateway.metric('secfeed_gateway_connections')).toBe(
      live.length + 1,
    );
    console.log(
      `failover: ${lostIds.size} acknowledged filings lost and published again; repeated to clients: ${JSON.stringify(repeats)}`,
    );
  });
});
