import { defer, take } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { retentionTrimIntervalMs, retentionTrims } from './retention-trims';

function testScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) =>
    expect(actual).toEqual(expected),
  );
}

describe('retentionTrims', () => {
  it('trims once per interval and reports what each trim removed', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const trims = retentionTrims(() => cold('(a|)', { a: 2 }), 1000);
      expectObservable(trims.pipe(take(3))).toBe(
        '1000ms a 999ms b 999ms (c|)',
        { a: { removed: 2 }, b: { removed: 2 }, c: { removed: 2 } },
      );
    });
  });

  it('skips a tick while the previous trim still runs, never queueing one', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable }) => {
      const starts: number[] = [];
      // Each trim takes 1.5 intervals: the ticks at 1000 and 3000 start one; 2000 and 4000 come
      // while one runs and are dropped.
      const trim = () =>
        defer(() => {
          starts.push(scheduler.now());
          return cold('1500ms (a|)', { a: 1 });
        });
      expectObservable(retentionTrims(trim, 1000).pipe(take(2))).toBe(
        '2500ms a 1999ms (b|)',
        { a: { removed: 1 }, b: { removed: 1 } },
      );
      scheduler.flush();
      expect(starts).toEqual([1000, 3000]);
    });
  });

  it('reports a failed trim and tries again at the next tick', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const outage = new Error('The client is closed');
      let calls = 0;
      const trim = () =>
        (calls += 1) === 1
          ? cold<number>('#', undefined, outage)
          : cold('(a|)', { a: 4 });
      expectObservable(retentionTrims(trim, 1000).pipe(take(2))).toBe(
        '1000ms a 999ms (b|)',
        { a: { error: outage }, b: { removed: 4 } },
      );
    });
  });

  it('trims every tenth of the retention, between a second and a minute', () => {
    expect(retentionTrimIntervalMs(7 * 86_400_000)).toBe(60_000);
    expect(retentionTrimIntervalMs(100_000)).toBe(10_000);
    expect(retentionTrimIntervalMs(2_000)).toBe(1000);
  });
});
