/**
 * Redis killed and replaced by an empty one on the same address (a lost host, no persistence
 * carried over). What was in the old Redis is gone; everything the upstream sends from the
 * outage on must still arrive exactly once, and clients that come back with an old `since`
 * must be told (`recovered: false`) rather than given a partial replay.
 */
import { waitUntil } from '@secfeed/test-kit';
import {
  compareSequences,
  matchingIds,
  type CheckedClient,
} from './lib/invariant-checker';
import { useFaultStack } from './test-support/fault-stack';

describe('Redis killed and replaced empty', () => {
  const start = useFaultStack();

  it('publishes everything sent from the outage on, once; live clients see old then new with no repeat; an old since gets recovered:false', async () => {
    const stack = await start({ rate: 150, limit: 450 });
    const [ingest] = stack.ingests;
    const live = [...stack.clients];
    const returning = await stack.addClient('returning');

    await stack.sentAtLeast(100);
    returning.goOffline();
    const oldSince = returning.lastPosition;
    let killedAt = 0;
    await stack.replaceRedisEmpty(async () => {
      killedAt = stack.sim.stats().filingsSent;
      await waitUntil(
        async () =>
          ((await ingest.readiness()).body['reasons'] as string[]).includes(
            'REDIS_UNAVAILABLE',
          ),
        'ingest to report REDIS_UNAVAILABLE',
      );
      await stack.sentAtLeast(killedAt + 50);
    });
    const sent = stack.sent();
    // The new stream: a run of what was sent, from some filing at or before the kill (a batch
    // in flight when Redis died is published again, in full) to the last one.
    await stack.sentAtLeast(450);
    await waitUntil(
      async () =>
        (await stack.readStream())?.at(-1)?.accessionNo === stack.sent().at(-1),
      'the last filing sent to reach the new stream',
      30_000,
    );
    const stream = await stack.readStream();
    const from = sent.indexOf(stream[0].accessionNo);
    expect(from).toBeGreaterThanOrEqual(0);
    expect(from).toBeLessThanOrEqual(killedAt);

    // The client that was away: its position is not in the new stream. It is told so and
    // continues live from the position it is given.
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
    const cameBackAt = returning.acks[1].position;
    const backFrom =
      returning.arrivals.findIndex((a) => a.position === oldSince) + 1;

    const newIds = new Set(stream.map((e) => e.id));
    const newPart = (c: (typeof live)[number]) =>
      c.arrivals.filter((a) => newIds.has(a.position));
    const report = await stack.settle({
      sent: () => stack.sent().slice(from),
      clients: (): CheckedClient[] => [
        ...live.map((c) => ({
          ...c.record(),
          after: '0-0',
          received: newPart(c),
        })),
        {
          ...returning.record(),
          after: cameBackAt,
          received: returning.arrivals.slice(backFrom),
        },
      ],
    });
    expect(stack.explain(report)).toBe('invariant holds');

    // Before the replacement, each live client got an unbroken run of what was sent, and none
    // of it again from the new stream (no filing twice at a client).
    const sentFilings = stack.sentFilings();
    for (const client of live) {
      const newOnes = new Set(newPart(client).map((a) => a.accessionNo));
      const oldPart = client.arrivals
        .filter((a) => !newIds.has(a.position))
        .map((a) => a.accessionNo);
      const owedBefore = matchingIds(sentFilings, client).slice(
        0,
        oldPart.length,
      );
      expect({
        client: client.name,
        ...compareSequences(owedBefore, oldPart, true),
      }).toEqual({
        client: client.name,
        duplicates: [],
        missing: [],
        extra: [],
        outOfOrder: [],
        wrongPosition: [],
      });
      expect(oldPart.filter((id) => newOnes.has(id))).toEqual([]);
    }
    // What an operator sees: ingest ready again, nothing left buffered; the history is only
    // what came after (the REST API serves the new Redis).
    await waitUntil(
      async () => (await ingest.readiness()).status === 200,
      'ingest ready',
    );
    expect(await ingest.metric('secfeed_ingest_buffered')).toBe(0);
    expect(await stack.gateways[0].metric('secfeed_gateway_connections')).toBe(
      live.length + 1,
    );
  });
});
