/**
 * Redis restarted mid-stream, with AOF persistence on: the data survives, ingest buffers what
 * arrives meanwhile and flushes it in order, the gateway's reader resumes after its last entry.
 */
import { waitUntil } from '@secfeed/test-kit';
import { useFaultStack } from './test-support/fault-stack';

describe('Redis restarted mid-stream (AOF on)', () => {
  const start = useFaultStack();

  it('loses nothing: every filing once in the stream and at every matching client, in order', async () => {
    const stack = await start({ rate: 150, limit: 450 });
    const [ingest] = stack.ingests;
    const [gateway] = stack.gateways;
    // Away while Redis is down, back after: its `since` is still in the (persisted) stream.
    const returning = await stack.addClient('returning', { formTypes: ['4'] });

    await stack.sentAtLeast(100);
    returning.goOffline();
    await stack.redis.kill();
    const killedAt = stack.sim.stats().filingsSent;
    // What an operator sees while Redis is down: both services not ready, filings buffered.
    await waitUntil(
      async () =>
        ((await ingest.readiness()).body['reasons'] as string[]).includes(
          'REDIS_UNAVAILABLE',
        ),
      'ingest to report REDIS_UNAVAILABLE',
    );
    await waitUntil(
      async () => (await gateway.readiness()).status === 503,
      'the gateway to turn not ready',
    );
    await stack.sentAtLeast(killedAt + 60);
    expect(await ingest.metric('secfeed_ingest_buffered')).toBeGreaterThan(0);
    expect(await ingest.metric('secfeed_ingest_redis_up')).toBe(0);

    await stack.redis.start();
    returning.comeBack();
    const report = await stack.settle();
    expect(stack.explain(report)).toBe('invariant holds');

    // The stream kept the filings published before the kill (AOF), so the returning client
    // resumed from its position: recovered, and owed nothing it did not get.
    expect(returning.acks.map((a) => [a.withSince, a.recovered])).toEqual([
      [false, true],
      [true, true],
    ]);
    expect((await ingest.readiness()).status).toBe(200);
    expect((await gateway.readiness()).status).toBe(200);
    expect(await ingest.metric('secfeed_ingest_buffered')).toBe(0);
    expect(await ingest.metric('secfeed_ingest_buffer_overflow_total')).toBe(0);
    expect(gateway.messages('warn')).toContain('stream reader recovered');
    // Connected clients never noticed more than a delay: one socket each.
    for (const client of stack.clients.filter((c) => c !== returning))
      expect(client.acks).toHaveLength(1);
  });
});
