import { makeFiling } from '@secfeed/filing-model/testing';
import { GapTracker } from './gap-tracker';
import type { FiledAtMark } from './newest-filed-at';

const T = Date.parse('2026-03-02T15:00:00Z');
/** A filing accepted `s` seconds after T. */
const at = (s: number) => {
  const filing = makeFiling({ source: 'sec-api' });
  return { ...filing, filedAt: `t+${s}`, filedAtMs: T + s * 1000 };
};
const mark = (s: number): FiledAtMark => ({
  filedAt: `t+${s}`,
  ms: T + s * 1000,
});

/** A tracker whose first attempt from `from` completed with `received`. */
function coveredAt(from: number, received: number[]) {
  const tracker = new GapTracker();
  tracker.begin(mark(from));
  tracker.received(received.map(at));
  tracker.end('completed');
  return tracker;
}

describe('GapTracker', () => {
  it('starts uncovered, with nothing pending: the first attempt starts at the watermark', () => {
    const tracker = new GapTracker();
    expect(tracker.covered).toBe(false);
    expect(tracker.startPoint(mark(5))).toEqual(mark(5));
    expect(tracker.startPoint(undefined)).toBeUndefined();
  });

  it('a completed attempt covers, up to the newest filing it or the live socket handed on', () => {
    const tracker = new GapTracker();
    tracker.opened();
    expect(tracker.live([at(50)])).toBeUndefined(); // not covered yet: no advance
    tracker.begin(mark(10));
    tracker.received([at(10), at(20)]);
    expect(tracker.end('completed')).toEqual(mark(50));
    expect(tracker.covered).toBe(true);
    expect(tracker.pending).toBeUndefined();
    expect(tracker.live([at(60), at(55)])).toEqual(mark(60));
  });

  it('a socket closing while covered leaves a gap from the newest filing handed on', () => {
    const tracker = coveredAt(10, [20]);
    tracker.live([at(30)]);
    const generation = tracker.generation;
    tracker.closed();
    expect(tracker.covered).toBe(false);
    expect(tracker.generation).toBeGreaterThan(generation);
    expect(tracker.pending).toEqual({ mark: mark(30), exact: false });
  });

  it.each([
    ['failed', false],
    ['cancelled', false],
    ['truncated', true],
  ] as const)(
    'an attempt that %s resumes from the last filing it received (exact: %s)',
    (how, exact) => {
      const tracker = new GapTracker();
      tracker.begin(mark(10));
      tracker.received([at(10), at(15)]);
      tracker.received([at(18)]);
      expect(tracker.end(how)).toBeUndefined();
      expect(tracker.covered).toBe(false);
      expect(tracker.pending).toEqual({ mark: mark(18), exact });
    },
  );

  it('an attempt that received nothing before failing keeps its start', () => {
    const tracker = new GapTracker();
    tracker.begin(mark(10));
    tracker.end('failed');
    expect(tracker.pending).toEqual({ mark: mark(10), exact: false });
  });

  it('filings dropped while an attempt runs keep it from covering, and the gap starts at the oldest', () => {
    const tracker = new GapTracker();
    tracker.begin(mark(10));
    tracker.received([at(10), at(40)]);
    tracker.dropped([at(35), at(30)]);
    expect(tracker.end('completed')).toBeUndefined();
    expect(tracker.covered).toBe(false);
    expect(tracker.pending).toEqual({ mark: mark(30), exact: false });
  });

  it('a failed attempt with a drop meanwhile resumes from the older of the two', () => {
    const tracker = new GapTracker();
    tracker.begin(mark(10));
    tracker.received([at(40)]);
    tracker.dropped([at(25)]);
    tracker.end('truncated');
    expect(tracker.pending).toEqual({ mark: mark(25), exact: false });
  });

  it('a drop while covered uncovers and opens a gap at the oldest dropped filing', () => {
    const tracker = coveredAt(10, [20]);
    expect(tracker.live([at(30)])).toEqual(mark(30));
    tracker.dropped([at(32), at(31)]);
    expect(tracker.covered).toBe(false);
    expect(tracker.live([at(40)])).toBeUndefined();
    expect(tracker.pending).toEqual({ mark: mark(31), exact: false });
  });

  it('before the first attempt a drop never moves the start past the watermark', () => {
    const tracker = new GapTracker();
    tracker.dropped([at(100)]);
    expect(tracker.startPoint(mark(10))).toEqual(mark(10));
    expect(tracker.startPoint(undefined)).toEqual(mark(100));
  });

  it('once anchored, the start is the newer of the pending point and the watermark', () => {
    const tracker = new GapTracker();
    tracker.begin(mark(10));
    tracker.received([at(20)]);
    tracker.end('failed');
    expect(tracker.startPoint(mark(15))).toEqual(mark(20));
    // Another replica published further: its watermark wins.
    expect(tracker.startPoint(mark(90))).toEqual(mark(90));
  });

  it('with nothing known at all, covers from the first live filing on', () => {
    const empty = new GapTracker();
    expect(empty.coverFromScratch()).toBeUndefined();
    const tracker = new GapTracker();
    tracker.opened();
    tracker.live([at(2), at(3)]); // arrived while the first attempt looked for a start
    expect(tracker.coverFromScratch()).toEqual(mark(3));
    expect(tracker.covered).toBe(true);
    expect(tracker.live([at(5)])).toEqual(mark(5));
    tracker.closed();
    expect(tracker.pending).toEqual({ mark: mark(5), exact: false });
  });
});
