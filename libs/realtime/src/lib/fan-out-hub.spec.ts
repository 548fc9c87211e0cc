import type { NormalizedFilters } from '@secfeed/filing-model';
import { encodeStreamEntry } from '@secfeed/filing-model/stored';
import { makeFiling } from '@secfeed/filing-model/testing';
import { waitUntil } from '@secfeed/test-kit';
import type { WebSocket } from 'ws';
import { Registry } from 'prom-client';
import { toBroadcastEntry, type BroadcastEntry } from './broadcast-entry';
import { ClientSession } from './client-session';
import { FanOutHub } from './fan-out-hub';
import { createRealtimeMetrics } from './realtime-metrics';
import { CLOSE_CODES } from './protocol-codes';
import { closePair, connectedPair, tcpOf } from './test-support/ws-pair';
import { socketOf, TickCorker } from './tick-corker';
import { textFrame } from './ws-text-frame';

const filters = (tickers: string[] = []): NormalizedFilters => ({
  tickers: new Set(tickers),
  ciks: new Set(),
  formTypes: new Set(),
  includeAmendments: true,
});

const LIMITS = {
  sendBufferBytes: 64 * 1024,
  closeGraceMs: 1000,
  maxPendingEntries: 100,
  historyScan: { pagesPerSecond: 1000, pageBurst: 1000 },
};

function entry(id: string, ticker: string): BroadcastEntry {
  const filing = makeFiling({ ticker });
  const built = toBroadcastEntry(id, encodeStreamEntry(filing));
  if (!built.ok) throw new Error(built.reason);
  return built.entry;
}

/** The positions of the `sec_filing` messages `ws` received, in order of arrival. */
function receivedPositions(ws: WebSocket): string[] {
  const positions: string[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { position: string };
    positions.push(message.position);
  });
  return positions;
}

// The hub on real sockets: what each client receives of a stream read, and in how many writes.
describe('FanOutHub: one write per client per read', () => {
  const pairs: Awaited<ReturnType<typeof connectedPair>>[] = [];
  const metrics = createRealtimeMetrics(new Registry());
  let hub: FanOutHub;

  /** A live session on a real socket, subscribed with `tickers`, and its client's writes counted. */
  async function subscriber(tickers: string[] = []) {
    const pair = await connectedPair();
    pairs.push(pair);
    const session = new ClientSession(
      pair.accepted,
      pairs.length,
      LIMITS,
      { sent: () => undefined, closing: () => undefined },
      new TickCorker(),
    );
    session.beginSubscription(filters(tickers), false);
    hub.subscribe(session, filters(tickers));
    const socket = socketOf(pair.accepted);
    if (!socket) throw new Error('no socket');
    const writes = jest.spyOn(socket, 'write');
    return { pair, session, writes, positions: receivedPositions(pair.client) };
  }

  beforeEach(() => {
    hub = new FanOutHub(metrics);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all(pairs.splice(0).map(closePair));
  });

  it('sends a read of three entries to each client in one write, in order, only what it matched', async () => {
    const all = await subscriber();
    const aapl = await subscriber(['AAPL']);
    const none = await subscriber(['TSLA']);
    const read = [
      entry('10-1', 'AAPL'),
      entry('10-2', 'MSFT'),
      entry('10-3', 'AAPL'),
    ];

    expect(hub.broadcastBatch(read)).toBe(3 + 2);

    await waitUntil(
      () => all.positions.length === 3 && aapl.positions.length === 2,
    );
    expect(all.positions).toEqual(['10-1', '10-2', '10-3']);
    expect(aapl.positions).toEqual(['10-1', '10-3']);
    expect(all.writes).toHaveBeenCalledTimes(1);
    expect(aapl.writes).toHaveBeenCalledTimes(1);
    expect(none.writes).not.toHaveBeenCalled();
    expect(none.positions).toEqual([]);
    expect(hub.lastDelivered).toBe('10-3');
  });

  it('gives a client that matched every entry the read joined once for all of them', async () => {
    const first = await subscriber();
    const second = await subscriber();
    const read = [entry('11-1', 'AAPL'), entry('11-2', 'MSFT')];

    hub.broadcastBatch(read);

    const [written] = first.writes.mock.calls[0] as [Buffer];
    expect(written).toEqual(Buffer.concat(read.map((e) => e.wire)));
    // The same Buffer, not a copy per client.
    expect(second.writes.mock.calls[0][0]).toBe(written);
    await waitUntil(() => second.positions.length === 2);
  });

  it('does not count what a slow consumer was not sent, and closes it (4009)', async () => {
    const reader = await subscriber();
    const stalled = await subscriber();
    tcpOf(stalled.pair.client).pause();
    // 20 MiB the stalled client does not read, more than loopback's socket buffers hold.
    const big = textFrame(`"${'x'.repeat(256 * 1024)}"`).wire;
    for (let i = 0; i < 80; i += 1) stalled.session.write(big);
    await new Promise((resolve) => setImmediate(resolve));
    hub.broadcastBatch([entry('12-1', 'AAPL'), entry('12-2', 'AAPL')]);
    await waitUntil(() => reader.positions.length === 2);
    const before = await sentCount();

    const sent = hub.broadcastBatch([
      entry('12-3', 'AAPL'),
      entry('12-4', 'MSFT'),
    ]);

    // The reader got both; the stalled client, past the bound, none (it had both before).
    expect(sent).toBe(2);
    expect((await sentCount()) - before).toBe(2);
    const closed = new Promise<number>((resolve) =>
      stalled.pair.client.once('close', (code) => resolve(code)),
    );
    tcpOf(stalled.pair.client).resume();
    expect(await closed).toBe(CLOSE_CODES.SLOW_CONSUMER);
    await waitUntil(() => reader.positions.length === 4);
    expect(reader.positions).toEqual(['12-1', '12-2', '12-3', '12-4']);
    expect(stalled.positions).not.toContain('12-3');
  });

  it('holds a read for a client catching up and sends a lone entry in one uncorked write', async () => {
    const live = await subscriber();
    const catching = await subscriber();
    catching.session.beginSubscription(filters(), true);

    hub.broadcastBatch([entry('13-1', 'AAPL'), entry('13-2', 'MSFT')]);
    hub.broadcast(entry('13-3', 'AAPL'));

    expect(catching.session.heldEntries.map((e) => e.id)).toEqual([
      '13-1',
      '13-2',
      '13-3',
    ]);
    expect(catching.writes).not.toHaveBeenCalled();
    expect(live.writes).toHaveBeenCalledTimes(2);
    expect(socketOf(live.pair.accepted)?.writableCorked).toBe(0);
    await waitUntil(() => live.positions.length === 3);
  });

  async function sentCount(): Promise<number> {
    const metric = await metrics.messagesSent.get();
    return metric.values
      .filter((value) => value.labels['type'] === 'sec_filing')
      .reduce((sum, value) => sum + value.value, 0);
  }
});
