/**
 * A gateway killed with SIGKILL (no close frames, no cleanup) and restarted on the same port
 * while filings keep flowing: its clients see their sockets die (1006), retry until it is back,
 * and resume with `since`; the stream never noticed.
 */
import { waitUntil } from '@secfeed/test-kit';
import { useFaultStack } from './test-support/fault-stack';

describe('a gateway killed with SIGKILL and restarted', () => {
  const start = useFaultStack();

  it('clients reconnect with since, recover, and end with every filing once, in order', async () => {
    const stack = await start({ rate: 150, limit: 450 });
    const clients = [...stack.clients];

    await stack.sentAtLeast(100);
    const exit = await stack.restartGateway(0, 'SIGKILL', async () => {
      // Down for a while: filings go on into Redis, clients' reconnects are refused.
      const at = stack.sim.stats().filingsSent;
      await stack.sentAtLeast(at + 60);
    });
    expect(exit).toBe('SIGKILL');

    const report = await stack.settle();
    expect(stack.explain(report)).toBe('invariant holds');
    for (const client of clients) {
      expect({ client: client.name, closes: client.closes }).toEqual({
        client: client.name,
        closes: [1006],
      });
      // Every resume (after refused attempts while the gateway was down) used since and
      // was honoured: the position is still in the stream.
      expect(client.acks.slice(1).length).toBeGreaterThanOrEqual(1);
      expect(
        client.acks.slice(1).every((a) => a.withSince && a.recovered),
      ).toBe(true);
      // Refused while it is down; 503 REDIS_UNAVAILABLE while the new one listens but has not
      // reached Redis yet (milliseconds).
      expect(
        client.errors.filter(
          (e) => !/ECONNREFUSED|Unexpected server response: 503/.test(e),
        ),
      ).toEqual([]);
    }
    const gateway = stack.gateways[0];
    await waitUntil(
      async () => (await gateway.readiness()).status === 200,
      'the new gateway to be ready',
    );
    expect(await gateway.metric('secfeed_gateway_connections')).toBe(
      clients.length,
    );
  });
});
