import {
  HistoryScanSlot,
  ScanCancelled,
  type PageGate,
  type Sleep,
} from './history-scan-slot';

/** A promise settled from outside, like a Redis reply in flight. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

const LIMITS = { pagesPerSecond: 10, pageBurst: 3 };

describe('HistoryScanSlot', () => {
  it('starts a new scan only once the one it cancels has settled, which reads no further page', async () => {
    const slot = new HistoryScanSlot({ pagesPerSecond: 1000, pageBurst: 1000 });
    const events: string[] = [];
    const inFlight = deferred();
    const first = slot.run(async (gate) => {
      await gate();
      events.push('first: page 1 sent');
      await inFlight.promise;
      events.push('first: page 1 answered');
      await gate().catch((err) => {
        events.push(`first: ${(err as Error).name}`);
        throw err;
      });
      events.push('first: page 2 sent');
    });
    await settle();
    const second = slot.run(async (gate) => {
      await gate();
      events.push('second: page 1 sent');
    });
    await settle();
    expect(events).toEqual(['first: page 1 sent']);
    inFlight.resolve();
    await expect(first).rejects.toBeInstanceOf(ScanCancelled);
    await second;
    expect(events).toEqual([
      'first: page 1 sent',
      'first: page 1 answered',
      'first: ScanCancelled',
      'second: page 1 sent',
    ]);
  });

  it('never starts a scan cancelled before its turn', async () => {
    const slot = new HistoryScanSlot(LIMITS);
    const started: string[] = [];
    const scan = (name: string) => async (gate: PageGate) => {
      started.push(name);
      await gate();
    };
    const runs = ['a', 'b', 'c', 'd'].map((name) => slot.run(scan(name)));
    await Promise.all(runs);
    expect(started).toEqual(['d']);
  });

  it('reads a burst of pages at once, then paces them at the sustained rate', async () => {
    let now = 0;
    const waits: number[] = [];
    const sleep: Sleep = async (ms) => {
      waits.push(ms);
      now += ms;
    };
    const slot = new HistoryScanSlot(LIMITS, () => now, sleep);
    const readAt: number[] = [];
    await slot.run(async (gate) => {
      for (let page = 0; page < 6; page += 1) {
        await gate();
        readAt.push(now);
      }
    });
    expect(readAt).toEqual([0, 0, 0, 100, 200, 300]);
    expect(waits).toEqual([100, 100, 100]);
  });

  it('shares the budget between a client’s successive scans', async () => {
    let now = 0;
    const sleep: Sleep = async (ms) => {
      now += ms;
    };
    const slot = new HistoryScanSlot(LIMITS, () => now, sleep);
    const pages = (count: number) => async (gate: PageGate) => {
      for (let page = 0; page < count; page += 1) await gate();
    };
    await slot.run(pages(3));
    await slot.run(pages(2));
    expect(now).toBe(200);
  });

  it('stops a scan waiting for its budget as soon as it is cancelled', async () => {
    const waiting = deferred();
    const sleep: Sleep = (_ms, signal) => {
      waiting.resolve();
      return new Promise((resolve) =>
        signal.addEventListener('abort', resolve),
      );
    };
    const slot = new HistoryScanSlot(
      { pagesPerSecond: 1, pageBurst: 1 },
      () => 0,
      sleep,
    );
    const run = slot.run(async (gate) => {
      await gate();
      await gate();
    });
    await waiting.promise;
    slot.cancel();
    await expect(run).rejects.toBeInstanceOf(ScanCancelled);
  });
});
