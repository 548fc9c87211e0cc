import type { NormalizedFilters } from '@secfeed/filing-model';
import type { WebSocket } from 'ws';
import { waitUntil } from '@secfeed/test-kit';
import { ClientSession, type SessionHooks } from './client-session';
import type { SessionSocket } from './session-socket';
import { CLOSE_CODES } from './protocol-codes';
import { socketOf, TickCorker } from './tick-corker';
import { textFrame } from './ws-text-frame';
import { closePair, connectedPair, tcpOf } from './test-support/ws-pair';

/** A session on `ws` with the send-buffer bound `sendBufferBytes` (and the other limits fixed). */
function sessionOn(
  ws: SessionSocket,
  sendBufferBytes: number,
  closing: SessionHooks['closing'] = () => undefined,
): ClientSession {
  return new ClientSession(
    ws,
    1,
    {
      sendBufferBytes,
      closeGraceMs: 1000,
      maxPendingEntries: 100,
      historyScan: { pagesPerSecond: 1000, pageBurst: 1000 },
    },
    { sent: () => undefined, closing },
  );
}

const ALL: NormalizedFilters = {
  tickers: new Set(),
  ciks: new Set(),
  formTypes: new Set(),
  includeAmendments: true,
};

// A real client that stops reading: the session's send buffer fills, and its catch-up waits
// for the socket to drain (no polling) before it sends more.
describe('ClientSession: waiting for room (real sockets)', () => {
  let pair: Awaited<ReturnType<typeof connectedPair>>;
  let client: WebSocket;
  let session: ClientSession;
  let received: number;
  const frame = textFrame(`"${'x'.repeat(64 * 1024)}"`).wire;

  beforeEach(async () => {
    pair = await connectedPair();
    client = pair.client;
    received = 0;
    client.on('message', () => (received += 1));
    session = sessionOn(pair.accepted, 1 << 20);
  });

  afterEach(async () => {
    session.dispose();
    await closePair(pair);
  });

  /** Writes until the unread data passes half the bound; returns the frames written. */
  const fillBuffer = () => {
    tcpOf(client).pause();
    let written = 0;
    while (session.hasRoom && written < 2000) {
      expect(session.write(frame)).toBe(true);
      written += 1;
    }
    expect(session.hasRoom).toBe(false);
    return written;
  };

  it('resolves once the client reads again and the socket drains', async () => {
    const written = fillBuffer();
    let woken: boolean | undefined;
    const waiting = session.waitForRoom(10_000).then((room) => (woken = room));
    await new Promise((resolve) => setImmediate(resolve));
    expect(woken).toBeUndefined();
    tcpOf(client).resume();
    expect(await waiting).toBe(true);
    expect(session.hasRoom).toBe(true);
    expect(session.open).toBe(true);
    await waitUntil(() => received === written);
  });

  it('resolves false when a new subscription replaces the one that waits', async () => {
    fillBuffer();
    const waiting = session.waitForRoom(10_000);
    const ticket = session.beginSubscription(ALL, true);
    expect(await waiting).toBe(false);
    expect(session.isCurrent(ticket)).toBe(true);
    expect(session.state).toBe('pending');
  });

  it('resolves false when the session closes while it waits', async () => {
    fillBuffer();
    const waiting = session.waitForRoom(10_000);
    session.close(CLOSE_CODES.GOING_AWAY, 'going away');
    expect(await waiting).toBe(false);
  });
});

// A send bound below the socket's own high-water mark (16 KiB): the writes that fill it never
// make Node promise a `drain`, and they carry no completion callback (nothing waited when they
// were made). The wait's own empty write, queued behind them, is what wakes it.
describe('ClientSession: the closing handshake (real sockets)', () => {
  let pair: Awaited<ReturnType<typeof connectedPair>>;
  afterEach(() => closePair(pair));

  it.each([
    ['the client sends a close frame', () => pair.client.close(1000)],
    ['the gateway closes', () => pair.accepted.close(1001)],
  ])(
    'writes no data frame after %s, even while its close frame waits behind unsent data',
    async (_case, startClose) => {
      pair = await connectedPair();
      const session = sessionOn(pair.accepted, 64 << 20);
      const frame = textFrame(`"${'x'.repeat(64 * 1024)}"`).wire;
      tcpOf(pair.client).pause();
      // Enough that the kernel's buffers are full and the socket keeps some of it queued.
      for (let i = 0; i < 400; i++) expect(session.write(frame)).toBe(true);
      const socket = socketOf(pair.accepted);
      await waitUntil(
        () => (socket?.writableLength ?? 0) > 0,
        'data queued in the socket',
      );
      startClose();
      await waitUntil(() => !session.open, 'the session to see the close');
      expect(socket?.writable).toBe(true); // its close frame is still queued
      const queued = socket?.writableLength;
      expect(session.write(frame)).toBe(false);
      expect(socket?.writableLength).toBe(queued);
      session.dispose();
    },
  );
});

describe('ClientSession: waiting for room under a bound below the high-water mark', () => {
  let pair: Awaited<ReturnType<typeof connectedPair>>;

  afterEach(() => closePair(pair));

  it('resolves once the client reads again, with no drain event', async () => {
    pair = await connectedPair();
    const session = sessionOn(pair.accepted, 8 * 1024);
    const socket = socketOf(pair.accepted);
    if (socket === undefined) throw new Error('no socket');
    let received = 0;
    pair.client.on('message', () => (received += 1));
    tcpOf(pair.client).pause();
    // Small frames until the kernel's buffers are full and Node holds more than half the bound.
    const frame = textFrame(`"${'x'.repeat(1024)}"`).wire;
    let written = 0;
    while (session.hasRoom && written < 100_000) {
      expect(session.write(frame)).toBe(true);
      written += 1;
    }
    expect(session.hasRoom).toBe(false);
    expect(socket.writableNeedDrain).toBe(false);
    const waiting = session.waitForRoom(10_000);
    tcpOf(pair.client).resume();
    expect(await waiting).toBe(true);
    await waitUntil(() => received === written);
    session.dispose();
  });
});

// The bound is read at a client's first write of a tick: a read batch goes out whole, and a
// client that has not taken it by the next batch is closed as a slow consumer.
describe('ClientSession: the send-buffer bound, once per tick (real sockets)', () => {
  let pair: Awaited<ReturnType<typeof connectedPair>>;

  afterEach(() => closePair(pair));

  it('lets one tick pass the bound, then closes the client that did not read it (4009)', async () => {
    pair = await connectedPair();
    const { client } = pair;
    const closed = new Promise<number>((resolve) =>
      client.once('close', (code) => resolve(code)),
    );
    tcpOf(client).pause();
    const closing: number[] = [];
    const session = new ClientSession(
      pair.accepted,
      1,
      {
        sendBufferBytes: 64 * 1024,
        closeGraceMs: 1000,
        maxPendingEntries: 100,
        historyScan: { pagesPerSecond: 1000, pageBurst: 1000 },
      },
      { sent: () => undefined, closing: (_s, code) => closing.push(code) },
      new TickCorker(),
    );
    const frame = textFrame(`"${'x'.repeat(256 * 1024)}"`).wire;
    // One tick: 20 MiB, 320 times the bound and more than the kernel's socket buffers hold
    // on loopback, all written (the cork holds them until the tick ends).
    const written = Array.from({ length: 80 }, () => session.write(frame));
    expect(written.every((ok) => ok)).toBe(true);
    expect(closing).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    // The next tick: the client took little of it, so it is past the bound.
    expect(session.write(frame)).toBe(false);
    expect(closing).toEqual([CLOSE_CODES.SLOW_CONSUMER]);
    session.dispose();
    tcpOf(client).resume();
    expect(await closed).toBe(CLOSE_CODES.SLOW_CONSUMER);
  });
});
