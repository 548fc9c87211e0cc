// Bad-input fuzz of the WebSocket protocol: generated client frames (wrong types, unknown
// actions, huge and nested values, boundary numbers, binary frames, invalid UTF-8, frames at and
// past the payload limit) over real sockets to the real GatewayService on the real Redis. Every
// frame must get its documented outcome (reply or coded error, or a documented close code),
// while a well-behaved subscriber keeps receiving every filing published meanwhile and the
// heap stays bounded. Seeded: FUZZ_SEED=<n> replays a failure, FUZZ_RUNS=<messages> runs longer.
import { waitUntil } from '@secfeed/test-kit';
import fc from 'fast-check';
import { MAX_CONSECUTIVE_ERRORS, parseClientMessage } from '@secfeed/realtime';
import {
  MESSAGE_RATE_FOR_FUZZ,
  clientFrame,
  type ClientFrame,
} from './test-support/client-frames';
import { protocolCodes } from './test-support/documented-codes';
import { FuzzClient, type Outcome } from './test-support/fuzz-client';
import {
  startFuzzGateway,
  type FuzzGateway,
} from './test-support/fuzz-gateway';
import { FUZZ, FUZZ_TIMEOUT_MS } from './test-support/fuzz-settings';
import { heapInUse } from './test-support/heap-in-use';

jest.setTimeout(FUZZ_TIMEOUT_MS);

const REPLY_OF = {
  ping: 'pong',
  unsubscribe: 'unsubscribed',
  subscribe: 'subscribed',
};

/** The documented outcome of one frame, from the protocol's own parser and the limits. */
function expectedOf(frame: ClientFrame, maxPayloadBytes: number): Outcome {
  const bytes =
    typeof frame.data === 'string'
      ? Buffer.byteLength(frame.data)
      : frame.data.length;
  if (bytes > maxPayloadBytes) return { close: 1009 };
  if (!frame.binary && typeof frame.data !== 'string') return { close: 1007 };
  const parsed = parseClientMessage(frame.data, frame.binary);
  return parsed.ok
    ? { reply: { type: REPLY_OF[parsed.command.action] } }
    : { reply: { type: 'error', code: parsed.code } };
}

describe('gateway under client-message fuzz (real sockets, real Redis)', () => {
  const documented = protocolCodes();
  let gateway: FuzzGateway;
  let watcher: FuzzClient;
  let heapBefore = 0;
  const published: string[] = [];
  const seen = {
    messages: 0,
    connections: 0,
    replies: new Map<string, number>(),
  };

  beforeAll(async () => {
    gateway = await startFuzzGateway('fuzz-ws', {
      GATEWAY_MESSAGE_RATE: String(MESSAGE_RATE_FOR_FUZZ),
    });
    // History for `since` and `snapshot` to replay; the subscriber below only sees what follows.
    // It says so with `since`: a plain live subscribe would also get, as live, what the gateway's
    // reader had not read yet when it subscribed (on a loaded machine, some of this history).
    const history = await gateway.publish(20);
    watcher = await FuzzClient.connect(gateway.ws);
    watcher.send(
      JSON.stringify({
        action: 'subscribe_sec_filings',
        since: history[history.length - 1],
      }),
    );
    expect(await watcher.next()).toMatchObject({
      reply: { type: 'subscribed' },
    });
    heapBefore = heapInUse();
  });

  afterAll(async () => {
    watcher?.terminate();
    await gateway?.stop();
  });

  /** Sends the frames one by one, each awaiting its outcome; a closed connection is replaced. */
  async function run(frames: ClientFrame[]): Promise<void> {
    let client: FuzzClient | undefined;
    let errorsInARow = 0;
    try {
      for (const frame of frames) {
        if (!client?.open) {
          client = await FuzzClient.connect(gateway.ws);
          errorsInARow = 0;
          seen.connections += 1;
        }
        const expected = expectedOf(frame, gateway.maxPayloadBytes);
        client.send(frame.data, frame.binary);
        seen.messages += 1;
        const outcome = await client.next();
        const label =
          'reply' in outcome
            ? String(outcome.reply['code'] ?? outcome.reply.type)
            : `close ${outcome.close}`;
        seen.replies.set(label, (seen.replies.get(label) ?? 0) + 1);
        if ('close' in expected) {
          expect(outcome).toEqual(expected);
        } else {
          expect(outcome).toMatchObject(expected);
        }
        if ('reply' in outcome && outcome.reply.type === 'error') {
          expect(documented.errors).toContain(outcome.reply['code']);
          expect(typeof outcome.reply['message']).toBe('string');
          errorsInARow += 1;
          if (errorsInARow === MAX_CONSECUTIVE_ERRORS) {
            expect(await client.next()).toEqual({ close: 4008 });
            seen.replies.set(
              'close 4008',
              (seen.replies.get('close 4008') ?? 0) + 1,
            );
          }
        } else if ('reply' in outcome) {
          errorsInARow = 0;
        } else {
          expect(documented.closes).toContain(outcome.close);
        }
      }
    } finally {
      client?.terminate();
    }
    // Filings published during the fuzz reach the well-behaved subscriber beside it.
    published.push(...(await gateway.publish(1)));
  }

  it(`gives each of ${FUZZ.inputs} fuzzed client frames its documented outcome (seed ${FUZZ.seed})`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(clientFrame, {
          minLength: FUZZ.perRun,
          maxLength: FUZZ.perRun,
        }),
        run,
      ),
      {
        seed: FUZZ.seed,
        numRuns: Math.ceil(FUZZ.inputs / FUZZ.perRun),
        // One gateway lives through every run: a shrunk rerun would not start clean.
        endOnFailure: true,
      },
    );
    expect(seen.messages).toBeGreaterThanOrEqual(FUZZ.inputs);
    await waitUntil(
      () => watcher.positions.length >= published.length,
      `${published.length} filings at the well-behaved subscriber`,
    );
    expect(watcher.positions).toEqual(published);
    expect(watcher.open).toBe(true);
    expect(gateway.service.readiness()).toMatchObject({ ready: true });
    process.stdout.write(
      `gateway ws fuzz: seed ${FUZZ.seed}, ${seen.messages} frames over ${seen.connections} connections, ` +
        `${published.length} filings to the subscriber, outcomes ${JSON.stringify(Object.fromEntries(seen.replies))}\n`,
    );
  });

  it('keeps the heap bounded over the whole fuzz', () => {
    const heapAfter = heapInUse();
    process.stdout.write(
      `gateway ws fuzz heap after GC: ${heapBefore.toFixed(1)} MiB before, ${heapAfter.toFixed(1)} MiB after\n`,
    );
    expect(heapAfter - heapBefore).toBeLessThan(FUZZ.heapGrowthMiB);
  });
});
