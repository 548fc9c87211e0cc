/**
 * The upstream misbehaves: drops every socket abruptly, sends garbage, sends the same filings
 * again (in the feed and after a reconnect). Ingest must publish each valid filing once.
 */
import { waitUntil } from '@secfeed/test-kit';
import { useFaultStack, type FaultStack } from './test-support/fault-stack';
import type { ServiceProcess } from './test-support/service-process';

const reconnected = async (
  stack: FaultStack,
  ingest: ServiceProcess,
  times: number,
) =>
  waitUntil(
    async () =>
      (await ingest.metric('secfeed_ingest_upstream_reconnects_total')) >=
        times && stack.sim.stats().connections === 1,
    `ingest to reconnect upstream (${times})`,
    20_000,
  );

describe('upstream faults', () => {
  const start = useFaultStack();

  it('drops abruptly, twice: what was sent meanwhile comes back through the backfill, once', async () => {
    const stack = await start({ rate: 150, limit: 450 });
    const [ingest] = stack.ingests;

    for (const [at, times] of [
      [100, 1],
      [250, 2],
    ]) {
      await stack.sentAtLeast(at);
      stack.sim.dropAll();
      // The simulator keeps sending to nobody until ingest is back: a real gap.
      await reconnected(stack, ingest, times);
    }
    // A gap's backfill is published beside the live frames: the stream holds every filing once,
    // not necessarily in the order sent. Clients follow the stream's order.
    const report = await stack.settle({ streamOrder: 'any' });
    expect(stack.explain(report)).toBe('invariant holds');
    expect(
      await ingest.metric(
        'secfeed_ingest_source_errors_total{code="BACKFILL_FAILED"}',
      ),
    ).toBe(0);
    expect(ingest.messages('warn')).toEqual(
      expect.arrayContaining(['Upstream closed']),
    );
    expect((await ingest.readiness()).status).toBe(200);
  });

  it('sends garbage (not JSON, not an array, bad elements, binary): rejected to the dead letters, the rest published once and in order', async () => {
    const stack = await start({
      rate: 150,
      limit: 400,
      faults: { malformedEvery: 7, binaryEvery: 11 },
    });
    const [ingest] = stack.ingests;

    const report = await stack.settle();
    expect(stack.explain(report)).toBe('invariant holds');
    const rejected = async (code: string) =>
      ingest.metric(`secfeed_ingest_rejected_total{code="${code}"}`);
    expect(await rejected('FRAME_NOT_JSON')).toBeGreaterThan(0);
    expect(await rejected('FRAME_NOT_ARRAY')).toBeGreaterThan(0);
    expect(await rejected('ELEMENT_INVALID')).toBeGreaterThan(0);
    expect(await rejected('FRAME_BINARY')).toBeGreaterThan(0);
    const deadLetters = await stack.withRedis((redis) =>
      redis.xLen('deadletter:{sec}:filings'),
    );
    expect(deadLetters).toBeGreaterThanOrEqual(
      Math.floor(400 / 7) + Math.floor(400 / 11),
    );
    expect((await ingest.readiness()).status).toBe(200);
    expect(stack.sim.stats().connections).toBe(1); // garbage never cost the connection
  });

  it('sends the same filings again: repeated frames, and the last 100 filings again after a reconnect', async () => {
    const stack = await start({
      rate: 150,
      limit: 450,
      faults: { duplicateEvery: 5 },
    });
    const [ingest] = stack.ingests;

    await stack.sentAtLeast(200);
    stack.sim.dropAll();
    await reconnected(stack, ingest, 1);
    const again = stack.frames.flat().slice(-100);
    stack.sim.sendRaw(JSON.stringify(again));

    const report = await stack.settle({ streamOrder: 'any' });
    expect(stack.explain(report)).toBe('invariant holds');
    const duplicates = await ingest.metric(
      'secfeed_ingest_filings_duplicate_total{source="sec-api"}',
    );
    expect(duplicates).toBeGreaterThanOrEqual(100 + Math.floor(450 / 5) - 5);
    expect(
      await ingest.metric(
        'secfeed_ingest_filings_published_total{source="sec-api"}',
      ),
    ).toBe(450);
  });
});
