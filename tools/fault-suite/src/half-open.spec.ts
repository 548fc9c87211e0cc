/**
 * The upstream goes half-open: the socket stays up but nothing comes through and pings go
 * unanswered. Ingest must notice on its own (60 s of silence), replace the connection, and
 * carry on with nothing lost or repeated. This file mostly waits, so it runs beside the others.
 */
import { waitUntil } from '@secfeed/test-kit';
import { useFaultStack } from './test-support/fault-stack';

/** Ingest's silence timeout (60 s, not configurable) plus room for a loaded machine. */
const SILENCE_DETECTION_MS = 80_000;

describe('a half-open upstream', () => {
  const start = useFaultStack();

  it(
    'is terminated after 60 s of silence and replaced; every filing once, in order',
    async () => {
      const stack = await start({ rate: 150, limit: 400 });
      const [ingest] = stack.ingests;

      await stack.sentAtLeast(150);
      stack.sim.freeze();
      const frozenAt = Date.now();
      // What an operator sees: ready throughout the silence (nothing tells it apart from a
      // quiet feed), then SILENCE_TIMEOUT counted, a reconnect, ready again.
      expect((await ingest.readiness()).status).toBe(200);
      await waitUntil(
        async () =>
          (await ingest.metric(
            'secfeed_ingest_source_errors_total{code="SILENCE_TIMEOUT"}',
          )) === 1,
        'ingest to give up on the silent socket',
        SILENCE_DETECTION_MS,
      );
      expect(Date.now() - frozenAt).toBeGreaterThanOrEqual(55_000);
      await waitUntil(
        async () =>
          (await ingest.metric('secfeed_ingest_upstream_reconnects_total')) >=
            1 && (await ingest.readiness()).status === 200,
        'ingest to reconnect',
        20_000,
      );
      stack.sim.thaw();

      const report = await stack.settle();
      expect(stack.explain(report)).toBe('invariant holds');
      expect(ingest.messages('warn')).toContain('Upstream error');
    },
    SILENCE_DETECTION_MS + 60_000,
  );
});
