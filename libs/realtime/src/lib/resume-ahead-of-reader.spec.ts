// A client may resume with a `since` newer than what this gateway's reader has delivered
// (another gateway was ahead, or a REST page's Stream-Position while the reader lagged). The
// entries up to `since` then reach the reader later: they must not be sent again as live ones.
import { routedCommands } from '@secfeed/service-runtime';
import { WebSocket } from 'ws';
import { Registry } from 'prom-client';
import { toBroadcastEntry } from './broadcast-entry';
import { ClientSession } from './client-session';
import type { SessionSocket } from './session-socket';
import { FanOutHub } from './fan-out-hub';
import { createRealtimeMetrics } from './realtime-metrics';
import { parseClientMessage } from './parse-client-message';
import { subscribe, type SubscriptionContext } from './subscription-flow';
import {
  connectTestRedis,
  type TestRedis,
} from './test-support/realtime-harness';

/** A session over a socket that records what is written to it. */
function recordingSession(): { session: ClientSession; frames: string[] } {
  const frames: string[] = [];
  // The session writes whole WebSocket frames to the TCP socket; the test reads their payloads.
  const socket = {
    writable: true,
    writableLength: 0,
    cork: () => undefined,
    uncork: () => undefined,
    write: (wire: Buffer) => {
      const length = wire[1] & 0x7f;
      frames.push(
        wire.subarray(length < 126 ? 2 : length === 126 ? 4 : 10).toString(),
      );
    },
  };
  const ws = {
    readyState: WebSocket.OPEN,
    bufferedAmount: 0,
    _socket: socket,
  } as unknown as SessionSocket;
  const session = new ClientSession(
    ws,
    1,
    {
      sendBufferBytes: 1 << 20,
      closeGraceMs: 1000,
      maxPendingEntries: 100,
      historyScan: { pagesPerSecond: 1000, pageBurst: 1000 },
    },
    { sent: () => undefined, closing: () => undefined },
  );
  return { session, frames };
}

function subscribeCommand(message: Record<string, unknown>) {
  const parsed = parseClientMessage(
    Buffer.from(
      JSON.stringify({ action: 'subscribe_sec_filings', ...message }),
    ),
    false,
  );
  if (!parsed.ok || parsed.command.action !== 'subscribe')
    throw new Error('not a subscribe');
  return parsed.command;
}

describe('subscribe with since ahead of the reader', () => {
  let redis: TestRedis;
  let positions: string[];
  let hub: FanOutHub;
  let ctx: SubscriptionContext;

  /** What the lagging reader delivers late: every stream entry after `after`, in order. */
  const readerCatchesUpAfter = async (after: string) => {
    for (const entry of await redis.client.xRange(
      redis.keys.stream,
      `(${after}`,
      '+',
    )) {
      const built = toBroadcastEntry(entry.id, entry.message);
      if (!built.ok) throw new Error(built.reason);
      hub.broadcast(built.entry);
    }
  };
  const filingPositions = (frames: string[]) =>
    frames
      .map((frame) => JSON.parse(frame))
      .filter((m) => m.type === 'sec_filing')
      .map((m) => m.position);

  beforeEach(async () => {
    redis = await connectTestRedis('rt-ahead');
    positions = await redis.publish(...Array.from({ length: 10 }, () => ({})));
    hub = new FanOutHub(createRealtimeMetrics(new Registry()));
    // This gateway's reader has delivered up to the third entry only.
    hub.startAt(positions[2]);
    ctx = {
      hub,
      redis: routedCommands(redis.client, redis.keys.stream),
      streamKey: redis.keys.stream,
      pageSize: 3,
      snapshotScanLimit: 100,
      drainTimeoutMs: 1000,
      metrics: createRealtimeMetrics(new Registry()),
      onHistoryFailure: (_session, err) => {
        throw err;
      },
    };
  });

  afterEach(() => redis.close());

  it('sends only the filings after since once the reader catches up', async () => {
    const { session, frames } = recordingSession();
    await subscribe(session, subscribeCommand({ since: positions[5] }), ctx);
    expect(JSON.parse(frames[0])).toMatchObject({
      type: 'subscribed',
      recovered: true,
    });
    await readerCatchesUpAfter(positions[2]);
    expect(filingPositions(frames)).toEqual(positions.slice(6));
  });

  it('never repeats a filing when since is the newest position of the stream', async () => {
    const { session, frames } = recordingSession();
    await subscribe(session, subscribeCommand({ since: positions[9] }), ctx);
    await readerCatchesUpAfter(positions[2]);
    const [later] = await redis.publish({});
    await readerCatchesUpAfter(positions[9]);
    expect(filingPositions(frames)).toEqual([later]);
  });

  it('goes live from its own position when since is not a position of the stream', async () => {
    const { session, frames } = recordingSession();
    const [ms] = positions[9].split('-');
    const future = `${Number(ms) + 3_600_000}-0`;
    await subscribe(session, subscribeCommand({ since: future }), ctx);
    expect(JSON.parse(frames[0])).toMatchObject({
      type: 'subscribed',
      position: positions[2],
      recovered: false,
    });
    await readerCatchesUpAfter(positions[2]);
    expect(filingPositions(frames)).toEqual(positions.slice(3));
  });

  it('goes on after a re-subscribe with an older since', async () => {
    const { session, frames } = recordingSession();
    await subscribe(session, subscribeCommand({ since: positions[8] }), ctx);
    await subscribe(session, subscribeCommand({ since: positions[4] }), ctx);
    await readerCatchesUpAfter(positions[2]);
    expect(filingPositions(frames)).toEqual(positions.slice(5));
  });
});
