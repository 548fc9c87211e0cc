import { defer, map, merge, mergeMap, of, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { rateGate } from './rate-gate';

function testScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) =>
    expect(actual).toEqual(expected),
  );
}

/** A request that records the virtual time it started at and answers at once. */
function request(
  scheduler: TestScheduler,
  starts: number[],
  id: number,
): Observable<number> {
  return defer(() => {
    starts.push(scheduler.now());
    return of(id);
  });
}

/** The largest number of starts in any half-open window [t, t + 1000). */
function busiestSecond(starts: number[]): number {
  return Math.max(
    ...starts.map((t) => starts.filter((s) => s >= t && s < t + 1000).length),
  );
}

describe('rateGate', () => {
  it.each([
    [10, 100],
    [5, 200],
  ])(
    'spreads a burst of 30 requests at %i/s exactly %i ms apart',
    (perSecond, spacing) => {
      const scheduler = testScheduler();
      const starts: number[] = [];
      scheduler.run(({ flush }) => {
        const gate = rateGate(perSecond, scheduler);
        merge(
          ...Array.from({ length: 30 }, (_, i) =>
            gate(request(scheduler, starts, i)),
          ),
        ).subscribe();
        flush();
      });
      expect(starts).toEqual(Array.from({ length: 30 }, (_, i) => i * spacing));
      expect(busiestSecond(starts)).toBe(perSecond);
    },
  );

  it('emits the answers at the start times (marbles)', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const gate = rateGate(4);
      const requests = cold('(abc)', { a: 'a', b: 'b', c: 'c' });
      const gated = requests.pipe(mergeMap((id) => gate(of(id))));
      expectObservable(gated).toBe('a 249ms b 249ms c');
    });
  });

  it('lets a request start at once when the last one is a full slot ago', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const gate = rateGate(5);
      const arrivals = cold('a 199ms b 399ms c', { a: 1, b: 2, c: 3 });
      const gated = arrivals.pipe(mergeMap((id) => gate(of(id))));
      expectObservable(gated).toBe('a 199ms b 399ms c', { a: 1, b: 2, c: 3 });
    });
  });

  it('never starts more than N in any 1000 ms window under irregular arrivals', () => {
    const scheduler = testScheduler();
    const starts: number[] = [];
    scheduler.run(({ cold, flush }) => {
      const gate = rateGate(10, scheduler);
      const arrivals = cold(
        '(aaaaa) 30ms (aaaaaaaa) 400ms a 90ms (aaaaaaaaaaaa) 2s (aaaaaaaaaaaaaaa)',
      );
      arrivals
        .pipe(
          map((_, i) => i),
          mergeMap((i) => gate(request(scheduler, starts, i))),
        )
        .subscribe();
      flush();
    });
    expect(starts).toHaveLength(41);
    expect(busiestSecond(starts)).toBeLessThanOrEqual(10);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100);
  });

  it('rounds the spacing up for rates that do not divide a second', () => {
    const scheduler = testScheduler();
    const starts: number[] = [];
    scheduler.run(({ flush }) => {
      const gate = rateGate(3, scheduler);
      merge(
        ...Array.from({ length: 7 }, (_, i) =>
          gate(request(scheduler, starts, i)),
        ),
      ).subscribe();
      flush();
    });
    expect(starts).toEqual([0, 334, 668, 1002, 1336, 1670, 2004]);
    expect(busiestSecond(starts)).toBe(3);
  });

  it('does not start a request unsubscribed while it waits', () => {
    const scheduler = testScheduler();
    const starts: number[] = [];
    scheduler.run(({ flush }) => {
      const gate = rateGate(1, scheduler);
      gate(request(scheduler, starts, 1)).subscribe();
      const waiting = gate(request(scheduler, starts, 2)).subscribe();
      scheduler.schedule(() => waiting.unsubscribe(), 500);
      flush();
    });
    expect(starts).toEqual([0]);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses maxPerSecond %p',
    (value) => {
      expect(() => rateGate(value)).toThrow(RangeError);
    },
  );
});
